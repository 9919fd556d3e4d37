import type { MetricsRegistry } from './metrics-registry';
import { type CounterChild, type HistogramChild, PlainCounter, PlainHistogram } from './plain-metrics';

/** Latency buckets in seconds: sub-millisecond resolution for cache hits, up to the 10 s outbound timeouts. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Series {
  readonly count: CounterChild;
  readonly duration: HistogramChild;
}

/**
 * `http_requests_total` and `http_request_duration_seconds` by (method, route template, status). The children
 * are found through nested maps keyed by the values as they arrive, so an answered request builds no key
 * string: two map look-ups, then a few additions.
 */
export class RequestSeries {
  private readonly total: PlainCounter<'method' | 'route' | 'status_code'>;
  private readonly duration: PlainHistogram<'method' | 'route' | 'status_code'>;
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();

  constructor(registry: MetricsRegistry) {
    const labelNames = ['method', 'route', 'status_code'] as const;
    this.total = new PlainCounter(registry, {
      name: 'http_requests_total',
      help: 'HTTP requests answered, by method, route template and status code.',
      labelNames,
    });
    this.duration = new PlainHistogram(registry, {
      name: 'http_request_duration_seconds',
      help: 'Time from request received to response sent, by method, route template and status code.',
      labelNames,
      buckets: BUCKETS,
    });
  }

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const series = this.series(method, route, statusCode);
    series.count.inc();
    series.duration.observe(seconds);
  }

  private series(method: string, route: string, statusCode: number): Series {
    let methods = this.byRoute.get(route);
    if (!methods) this.byRoute.set(route, (methods = new Map<string, Map<number, Series>>()));
    let statuses = methods.get(method);
    if (!statuses) methods.set(method, (statuses = new Map<number, Series>()));
    let series = statuses.get(statusCode);
    if (!series) {
      const labels = [method, route, String(statusCode)];
      series = { count: this.total.child(...labels), duration: this.duration.child(...labels) };
      statuses.set(statusCode, series);
    }
    return series;
  }
}
