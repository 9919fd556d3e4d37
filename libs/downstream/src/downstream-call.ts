import { sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER, secondsSince } from '@app/observability';
import { type ErrorCode, SidecarError } from '@app/problem-details';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { DownstreamTransportError, type DownstreamFailureKind } from './downstream.errors';
import { DownstreamMetrics, type DownstreamOutcome } from './downstream.metrics';
import {
  DownstreamHttpClient,
  type OutboundLimits,
  type OutboundRequest,
  type OutboundResponse,
} from './http/downstream-http-client';

const FAILURES: Readonly<Record<DownstreamFailureKind, { code: ErrorCode; outcome: DownstreamOutcome }>> = {
  unreachable: { code: 'DOWNSTREAM_UNREACHABLE', outcome: 'unreachable' },
  timeout: { code: 'DOWNSTREAM_TIMEOUT', outcome: 'timeout' },
  'too-large': { code: 'DOWNSTREAM_RESPONSE_TOO_LARGE', outcome: 'too_large' },
};

/**
 * One outbound exchange with the configured limits, measured, its transport failures turned into
 * 500 `SidecarError`s whose message (logged, never returned) names the API and the cause.
 */
@Injectable()
export class DownstreamCall {
  private readonly limits: OutboundLimits;
  private readonly logger: Logger;

  constructor(
    private readonly client: DownstreamHttpClient,
    private readonly metrics: DownstreamMetrics,
    @Inject(sidecarConfig.KEY) sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'downstream' });
    this.limits = {
      connectTimeoutMs: sidecar.downstream.connectTimeoutMs,
      requestTimeoutMs: sidecar.downstream.requestTimeoutMs,
      maxResponseBodyBytes: sidecar.downstream.maxResponseBodySizeBytes,
      followRedirects: sidecar.allowOutboundRedirects,
    };
  }

  async send(apiName: string, request: OutboundRequest): Promise<OutboundResponse> {
    // performance.now(), not hrtime.bigint(): a double, where the two BigInts and a closure were allocated per call.
    const started = performance.now();
    try {
      const response = await this.client.send(request, this.limits);
      const seconds = secondsSince(started);
      this.metrics.observe(apiName, response.statusCode, seconds);
      // Origin only: the path and query may carry data or configured secrets (ExtraQueryParameters).
      if (this.logger.isLevelEnabled('debug')) {
        const durationMs = Math.round(seconds * 1000);
        const fields = {
          apiName,
          method: request.method,
          origin: request.url.origin,
          statusCode: response.statusCode,
          durationMs,
        };
        this.logger.debug(fields, 'Downstream API called.');
      }
      return response;
    } catch (error) {
      if (!(error instanceof DownstreamTransportError)) throw error;
      const failure = FAILURES[error.kind];
      this.metrics.observe(apiName, failure.outcome, secondsSince(started));
      throw new SidecarError(
        failure.code,
        `Calling the downstream API '${apiName}' failed: ${error.message}.`,
      );
    }
  }
}
