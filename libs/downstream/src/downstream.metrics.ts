import { HttpMetrics } from '@app/observability';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';

/** The `status_code` label: the downstream status, or why no status came back. */
export type DownstreamOutcome = number | 'timeout' | 'unreachable' | 'too_large';

/**
 * Downstream call metrics, on the application's own registry. `api` is a configured profile name (a
 * call is only made for a profile with a BaseUrl), so its cardinality is bounded by configuration.
 */
@Injectable()
export class DownstreamMetrics {
  private readonly requests: Counter<'api' | 'status_code'>;
  private readonly latency: Histogram<'api' | 'status_code'>;

  constructor(metrics: HttpMetrics) {
    const registers = [metrics.registry];
    this.requests = new Counter({
      name: 'sidecar_downstream_requests_total',
      help: 'Downstream API calls by profile and status code (timeout, unreachable or too_large when none came back).',
      labelNames: ['api', 'status_code'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'sidecar_downstream_request_duration_seconds',
      help: 'Time of one downstream exchange (redirects followed, whole body read), by profile and status code.',
      labelNames: ['api', 'status_code'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 100],
      registers,
    });
  }

  // Label sets are few (profiles × statuses); resolving each child once keeps label hashing off the hot path.
  private readonly series = new Map<string, { count: () => void; observe: (seconds: number) => void }>();

  /** Records one downstream exchange. */
  observe(api: string, outcome: DownstreamOutcome, seconds: number): void {
    const key = `${outcome} ${api}`;
    let series = this.series.get(key);
    if (series === undefined) {
      const labels = { api, status_code: String(outcome) };
      const counter = this.requests.labels(labels);
      const histogram = this.latency.labels(labels);
      series = { count: () => counter.inc(), observe: (value) => histogram.observe(value) };
      this.series.set(key, series);
    }
    series.count();
    series.observe(seconds);
  }
}
