/** Creates the structured JSON logger (pino) with secret-bearing fields censored. */
export { createLogger } from './logging/create-logger';
/** Adapter that sends Nest's own logs to the pino logger. */
export { PinoNestLogger } from './logging/pino-nest-logger';
/** Correlation id: the Fastify `genReqId` that honours a safe inbound value. */
export { CORRELATION_ID_HEADER, correlationIdFor } from './correlation-id';
/** Per-instance Prometheus metrics; features add their own instruments to `registry`. */
export { HttpMetrics } from './metrics/http-metrics';
/** What a cache reports to `HttpMetrics.caches` (its entries and estimated bytes). */
export type { CacheUsage } from './metrics/cache-gauges';
/** Counters and histograms of plain numbers for hot paths (children resolved once, rendered at scrape). */
export { type CounterChild, PlainCounter, PlainHistogram, secondsSince } from './metrics/plain-metrics';
/** Fastify hooks for request logs, metrics and the correlation header. */
export { RequestTelemetry } from './request-telemetry';
/** Token under which the pino logger is injected. */
export { OBSERVABILITY_LOGGER } from './observability.constants';
/** Global module wiring the above, plus `GET /metrics`. */
export { ObservabilityModule } from './observability.module';
