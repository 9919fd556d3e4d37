import { loggingConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { CORRELATION_ID_HEADER } from './correlation-id';
import { HttpMetrics } from './metrics/http-metrics';
import { OBSERVABILITY_LOGGER } from './observability.constants';

/**
 * One metrics sample, and at `Information` one log line, per answered request. The line names method, route template,
 * path, status and duration, never headers or the query string: those are where tokens, cookies and
 * claims travel, and a request log must not become a token store.
 */
@Injectable()
export class RequestTelemetry {
  private readonly requestLogger: Logger;

  constructor(
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
    @Inject(loggingConfig.KEY) logging: ConfigType<typeof loggingConfig>,
    private readonly metrics: HttpMetrics,
  ) {
    // Request lines have their own level (`Logging:LogLevel:Microsoft.AspNetCore`), as in the reference.
    this.requestLogger = logger.child({}, { level: logging.requestLevel });
  }

  install(instance: FastifyInstance): void {
    instance.addHook('onRequest', (request, reply, done) => {
      void reply.header(CORRELATION_ID_HEADER, request.id);
      done();
    });
    instance.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const durationMs = reply.elapsedTime;
      this.metrics.observeRequest(request.method, route, reply.statusCode, durationMs / 1000);
      // Checked first so the default level (Warning) does not build a line per request only to drop it.
      if (this.requestLogger.isLevelEnabled('info'))
        this.logRequest(request, route, reply.statusCode, durationMs);
      done();
    });
  }

  private logRequest(request: FastifyRequest, route: string, statusCode: number, durationMs: number): void {
    this.requestLogger.info({
      msg: 'request completed',
      correlationId: request.id,
      method: request.method,
      route,
      path: pathOf(request.url),
      statusCode,
      durationMs: Math.round(durationMs * 1000) / 1000,
    });
  }
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}
