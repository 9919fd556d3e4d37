import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics of one application instance. Each instance owns its registry (no global default
 * registry), so several sidecars in one process, as in the tests, never mix their numbers.
 */
@Injectable()
export class HttpMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });

  private readonly duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request received to response sent, by method, route template and status code.',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  // Label sets are few (routes × methods × statuses); resolving each once keeps prom-client's label
  // hashing off the per-request path.
  private readonly series = new Map<string, { count: () => void; observe: (seconds: number) => void }>();

  /** Records one answered request; `route` is the template (`/AuthorizationHeader/:apiName`), never the raw path. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${statusCode} ${route}`;
    let series = this.series.get(key);
    if (!series) {
      const labels = { method, route, status_code: String(statusCode) };
      const counter = this.requests.labels(labels);
      const histogram = this.duration.labels(labels);
      series = { count: () => counter.inc(), observe: (value) => histogram.observe(value) };
      this.series.set(key, series);
    }
    series.count();
    series.observe(seconds);
  }

  /** Prometheus text exposition of everything registered. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
