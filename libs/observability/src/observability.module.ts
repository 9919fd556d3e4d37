import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { HttpMetrics } from './metrics/http-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { OBSERVABILITY_LOGGER } from './observability.constants';
import { RequestTelemetry } from './request-telemetry';

/** Logger, request telemetry and `/metrics`; the logger is created before the app so bootstrap logs use it. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [MetricsController],
      providers: [{ provide: OBSERVABILITY_LOGGER, useValue: logger }, HttpMetrics, RequestTelemetry],
      exports: [OBSERVABILITY_LOGGER, HttpMetrics, RequestTelemetry],
    };
  }
}
