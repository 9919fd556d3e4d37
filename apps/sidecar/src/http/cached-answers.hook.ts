import { type CachedAnswerRoute, type CachedAnswerSource, JSON_CONTENT_TYPE } from '@app/http';
import { type HttpMetrics, PlainCounter } from '@app/observability';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';

/**
 * Serves the answers a feature's caches hold in full (`CachedAnswerRoute`) from a hook on their route, before
 * Nest's pipeline (guards, parameter binding, handler, response handling), the largest share of what such a hit
 * cost beyond Fastify itself (README, Performance). The hook runs after every application-wide hook (the
 * caller policy, the correlation id), and the answer still passes the `onSend` and `onResponse` hooks (no-cache
 * headers, request metrics), so a cached answer is the one the handler would send. Anything the lookup does not
 * serve continues through the full pipeline unchanged. Must run before routes are registered (`onRoute`).
 */
export function installCachedAnswers(
  instance: FastifyInstance,
  sources: readonly CachedAnswerSource[],
  metrics: HttpMetrics,
): void {
  const served = new PlainCounter(metrics.registry, {
    name: 'sidecar_http_cached_answers_total',
    help: 'Answers served straight from the caches, before the route pipeline, by route template.',
    labelNames: ['route'],
  });
  const routes = new Map<string, CachedAnswerRoute>();
  for (const source of sources) {
    for (const route of source.cachedAnswerRoutes) routes.set(`${route.method} ${route.url}`, route);
  }
  instance.addHook('onRoute', (options) => {
    const route = routes.get(`${String(options.method)} ${options.url}`);
    if (route === undefined) return;
    const answered = served.child(route.url);
    const hook: onRequestHookHandler = (request, reply, done) => {
      const body = route.lookup(request);
      if (body === undefined) return done();
      answered.inc();
      void reply.status(200).type(JSON_CONTENT_TYPE).send(body);
    };
    options.onRequest = options.onRequest === undefined ? [hook] : [options.onRequest, hook].flat();
  });
}
