import { type CachedAnswerGuard, JSON_CONTENT_TYPE } from '@app/cached-answers';
import { type CounterChild, type HttpMetrics, PlainCounter } from '@app/observability';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { type CachedAnswerRoute, FastPathError } from './cached-answer-routes';

/** A route without a guard admits every call, as anonymous. */
const NO_GUARD: CachedAnswerGuard<null> = { admitFromCache: () => null, keepAdmission: () => undefined };

/** What `installCachedAnswers` hooked; `assertComplete` refuses a declared route Fastify never registered. */
export interface CachedAnswersInstallation {
  assertComplete(): void;
}

/**
 * Serves the answers the caches hold in full from an `onRequest` hook on their own route, before Nest's
 * pipeline (guards, interceptors, pipes, parameter binding, handler, response handling), the largest share of
 * what such a hit cost beyond Fastify itself (docs/performance.md, the rows against the framework floor). Why a
 * hook and not a guard or interceptor inside the pipeline: Nest builds its execution context, runs the guard
 * chain and binds every parameter before any of those could answer, and that per-request work is what the hook
 * saves. So that it cannot drift from the pipeline it skips:
 * - the routes are the controllers' own (`cachedAnswerRoutes`: `@CachedAnswer` handlers, their method and path
 *   as Nest registers them); a declared route that is never registered refuses start-up (`assertComplete`);
 * - the route's own guard decides, through its cache-only predicate (`CachedAnswerGuard.admitFromCache`), and
 *   what it found stays on the request, so on a miss the guard continues from there instead of looking again;
 * - start-up refuses any global or route-level guard, interceptor or pipe that this hook would skip
 *   (`assertNothingSkipped`, `cachedAnswerRoutes`).
 * The hook runs after every application-wide hook (the caller policy, the correlation id), and the answer
 * still passes `onSend` and `onResponse` (no-cache headers, request metrics), so a cached answer is the one
 * the handler would send. A hit allocates nothing of its own. Must run before routes are registered (`onRoute`).
 */
export function installCachedAnswers(
  instance: FastifyInstance,
  routes: readonly CachedAnswerRoute[],
  metrics: HttpMetrics,
): CachedAnswersInstallation {
  const served = new PlainCounter(metrics.registry, {
    name: 'sidecar_http_cached_answers_total',
    help: 'Answers served straight from the caches, before the route pipeline, by route template.',
    labelNames: ['route'],
  });
  const byRoute = new Map(routes.map((route) => [`${route.method} ${route.url}`, route]));
  const hooked = new Map<string, number>();
  instance.addHook('onRoute', (options) => {
    const key = `${String(options.method)} ${options.url}`;
    const route = byRoute.get(key);
    if (route === undefined) return;
    hooked.set(key, (hooked.get(key) ?? 0) + 1);
    const hook = cachedAnswerHook(route, served.child(route.url));
    options.onRequest = options.onRequest === undefined ? [hook] : [options.onRequest, hook].flat();
  });
  return {
    assertComplete: () => {
      const wrong = [...byRoute.keys()].filter((key) => hooked.get(key) !== 1);
      if (wrong.length === 0) return;
      throw new FastPathError(
        `Cached-answer routes not registered exactly once as their controllers declare them: ${wrong.join(', ')}.`,
      );
    },
  };
}

function cachedAnswerHook(route: CachedAnswerRoute, answered: CounterChild): onRequestHookHandler {
  const guard = route.guard ?? NO_GUARD;
  const lookup = route.lookup;
  return (request, reply, done) => {
    const admission = guard.admitFromCache(request);
    if (admission === undefined) return done();
    const body = lookup(request, admission);
    if (body === undefined) {
      guard.keepAdmission(request, admission);
      return done();
    }
    answered.inc();
    void reply.status(200).type(JSON_CONTENT_TYPE).send(body);
  };
}
