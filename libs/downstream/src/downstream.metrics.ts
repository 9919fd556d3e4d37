import { HttpMetrics, PlainCounter, PlainHistogram } from '@app/observability';
import { Injectable } from '@nestjs/common';

/** The `status_code` label: the downstream status, or why no status came back. */
export type DownstreamOutcome = number | 'timeout' | 'unreachable' | 'too_large';

/**
 * Downstream call metrics, on the application's own registry. `api` is a configured profile name (a
 * call is only made for a profile with a BaseUrl), so its cardinality is bounded by configuration.
 */
@Injectable()
export class DownstreamMetrics {
  private readonly requests: PlainCounter<'api' | 'status_code'>;
  private readonly latency: PlainHistogram<'api' | 'status_code'>;

  constructor(metrics: HttpMetrics) {
    this.requests = new PlainCounter(metrics.registry, {
      name: 'sidecar_downstream_requests_total',
      help: 'Downstream API calls by profile and status code (timeout, unreachable or too_large when none came back).',
      labelNames: ['api', 'status_code'],
    });
    this.latency = new PlainHistogram(metrics.registry, {
      name: 'sidecar_downstream_request_duration_seconds',
      help: 'Time of one downstream exchange (redirects followed, whole body read), by profile and status code.',
      labelNames: ['api', 'status_code'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 100],
    });
  }

  /** Records one downstream exchange. */
  observe(api: string, outcome: DownstreamOutcome, seconds: number): void {
    const status = String(outcome);
    this.requests.child(api, status).inc();
    this.latency.child(api, status).observe(seconds);
  }
}
