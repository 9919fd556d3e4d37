import type { LoadedConfiguration } from '@app/config';
import { createLogger, HttpMetrics, PinoNestLogger, RequestTelemetry } from '@app/observability';
import { KnownRoutes } from '@app/problem-details';
import { TokenCachedAnswers } from '@app/token';
import { ValidateCachedAnswers } from '@app/validation';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { installCachedAnswers } from './http/cached-answers.hook';
import { installLoopbackOnlyPolicy } from './http/caller-policy.hook';
import { createFastifyAdapter } from './http/fastify-adapter.factory';
import { installNoCacheHeaders } from './http/no-cache.hook';
import { installRawBodyParser } from './http/raw-body.parser';
import { buildOpenApiDocument, mountOpenApi } from './openapi/openapi-document';

/** Options for building the application; tests capture logs through `logDestination`. */
export interface SidecarAppOptions {
  logDestination?: DestinationStream;
}

/** An initialised, not yet listening, sidecar and its logger. */
export interface SidecarApp {
  app: NestFastifyApplication;
  logger: Logger;
}

/**
 * Builds the sidecar exactly as production runs it; `main.ts` and the end-to-end tests both come
 * through here, so the tests exercise the real pipeline. Fastify hooks are installed before `init()`
 * registers the routes, in the order they must run: caller policy first, then telemetry; the cached answers
 * are hooks on their own routes, which Fastify runs after all of these.
 */
export async function createSidecarApp(
  configuration: LoadedConfiguration,
  options: SidecarAppOptions = {},
): Promise<SidecarApp> {
  const { host, logging } = configuration.settings;
  const logger = createLogger({ level: logging.level, destination: options.logDestination });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(configuration, logger),
    createFastifyAdapter(host),
    { bodyParser: false, logger: new PinoNestLogger(logger), abortOnError: false },
  );

  const instance = app.getHttpAdapter().getInstance();
  app.get(KnownRoutes).observe(instance);
  if (!host.isDevelopment) installLoopbackOnlyPolicy(instance);
  app.get(RequestTelemetry).install(instance);
  installNoCacheHeaders(instance);
  installRawBodyParser(instance);
  installCachedAnswers(
    instance,
    [app.get(ValidateCachedAnswers), app.get(TokenCachedAnswers)],
    app.get(HttpMetrics),
  );
  if (host.isDevelopment) await mountOpenApi(app, await buildOpenApiDocument(app));

  await app.init();
  return { app, logger };
}
