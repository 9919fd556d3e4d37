import type { LoadedConfiguration } from '@app/config';
import { createLogger, HttpMetrics, PinoNestLogger, RequestTelemetry } from '@app/observability';
import { KnownRoutes } from '@app/problem-details';
import type { ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { cachedAnswerRoutes } from './http/cached-answer-routes';
import { installCachedAnswers } from './http/cached-answers.hook';
import { installLoopbackOnlyPolicy } from './http/caller-policy.hook';
import { createFastifyAdapter } from './http/fastify-adapter.factory';
import { installMinRequestBodyDataRate } from './http/min-request-body-data-rate.hook';
import { installNoCacheHeaders } from './http/no-cache.hook';
import { installRawBodyParser } from './http/raw-body.parser';
import { assertNothingSkipped } from './http/skipped-enhancers.check';
import { buildOpenApiDocument, mountOpenApi } from './openapi/openapi-document';

/** Options for building the application; tests capture logs through `logDestination`. */
export interface SidecarAppOptions {
  logDestination?: DestinationStream;
  /** Modules a deployment adds to the application; they pass the same start-up checks as the sidecar's own. */
  imports?: ModuleMetadata['imports'];
}

/** An initialised, not yet listening, sidecar and its logger. */
export interface SidecarApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/**
 * Builds the sidecar exactly as production runs it; `main.ts` and the end-to-end tests both come
 * through here, so the tests exercise the real pipeline. Fastify hooks are installed before `init()`
 * registers the routes, in the order they must run: the body data rate first (it must watch a body that no
 * one will read, too), then caller policy, then telemetry; the cached answers
 * are hooks on their own routes, which Fastify runs after all of these. Refuses to build (and closes what it
 * built) an application whose cached answers would skip a guard, interceptor or pipe.
 */
export async function createSidecarApp(
  configuration: LoadedConfiguration,
  options: SidecarAppOptions = {},
): Promise<SidecarApp> {
  const { host, logging } = configuration.settings;
  const logger = createLogger({ level: logging.level, destination: options.logDestination });
  const root = AppModule.forRoot(configuration, logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    { ...root, imports: [...(root.imports ?? []), ...(options.imports ?? [])] },
    createFastifyAdapter(host),
    { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
  );

  try {
    const instance = app.getHttpAdapter().getInstance();
    app.get(KnownRoutes).observe(instance);
    installMinRequestBodyDataRate(instance, host.minRequestBodyDataRate);
    if (!host.isDevelopment) installLoopbackOnlyPolicy(instance);
    app.get(RequestTelemetry).install(instance);
    installNoCacheHeaders(instance);
    installRawBodyParser(instance);
    const cachedRoutes = cachedAnswerRoutes(app);
    const cachedAnswers = installCachedAnswers(instance, cachedRoutes, app.get(HttpMetrics));
    if (host.isDevelopment) await mountOpenApi(app, await buildOpenApiDocument(app));

    await app.init();
    cachedAnswers.assertComplete();
    assertNothingSkipped(
      app,
      cachedRoutes.map((route) => `${route.method} ${route.url}`),
    );
  } catch (error) {
    // Whatever was started is stopped; the reason the application cannot run is what the caller must see.
    await app.close().catch(() => undefined);
    throw error;
  }
  return { app, logger };
}
