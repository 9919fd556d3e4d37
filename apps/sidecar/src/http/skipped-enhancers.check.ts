import type { INestApplication } from '@nestjs/common';
import { ApplicationConfig } from '@nestjs/core';
import { enhancerName, FastPathError } from './cached-answer-routes';

/**
 * Refuses an application-wide guard, interceptor or pipe (`APP_GUARD`, `APP_INTERCEPTOR`, `APP_PIPE` providers,
 * or `app.useGlobal*`): the cached answers are served before Nest's pipeline, so such an enhancer would run
 * for every request but the cache hits. Global exception filters are fine (a cached answer is never an error).
 * Call it after `init()`: Nest reads these lists when it registers the routes, so later additions never run.
 */
export function assertNothingSkipped(app: INestApplication, cachedRoutes: readonly string[]): void {
  // NestApplication keeps its ApplicationConfig private; if that ever changes, refuse rather than guess.
  const config = (app as unknown as { config?: unknown }).config;
  if (!(config instanceof ApplicationConfig)) {
    throw new FastPathError("The application's global guards, interceptors and pipes cannot be read.");
  }
  const skipped = [
    ...[...config.getGlobalGuards(), ...config.getGlobalRequestGuards()].map(
      (guard) => `guard ${enhancerName(guard)}`,
    ),
    ...[...config.getGlobalInterceptors(), ...config.getGlobalRequestInterceptors()].map(
      (interceptor) => `interceptor ${enhancerName(interceptor)}`,
    ),
    ...[...config.getGlobalPipes(), ...config.getGlobalRequestPipes()].map(
      (pipe) => `pipe ${enhancerName(pipe)}`,
    ),
  ];
  if (skipped.length === 0) return;
  throw new FastPathError(
    `Global ${skipped.join(', ')} would not run for the answers served from the caches before Nest's ` +
      `pipeline (${cachedRoutes.join(', ')}). Register it on the routes that need it rather than globally ` +
      '(APP_GUARD, APP_INTERCEPTOR, APP_PIPE, app.useGlobal*), or teach the fast path about it ' +
      '(apps/sidecar/src/http/cached-answers.hook.ts).',
  );
}
