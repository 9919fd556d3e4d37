import type { Registry } from 'prom-client';

/** Latency buckets in seconds: sub-millisecond resolution for cache hits, up to the 10 s outbound timeouts. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Series {
  readonly labels: { method: string; route: string; status_code: string };
  count: number;
  sum: number;
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. Made cumulative only at scrape time. */
  readonly buckets: number[];
}

/**
 * `http_requests_total` and `http_request_duration_seconds` kept as plain numbers per (route, method,
 * status) and turned into Prometheus samples only when scraped. prom-client's own counter and histogram
 * hash their label set on every observation, which showed up as the largest per-request cost of the
 * pipeline; here an observation is two map lookups and a few additions.
 */
export class RequestSeries {
  private readonly byRoute = new Map<string, Map<string, Map<number, Series>>>();

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const series = this.series(method, route, statusCode);
    series.count += 1;
    series.sum += seconds;
    let index = 0;
    while (index < BUCKETS.length && seconds > BUCKETS[index]) index += 1;
    series.buckets[index] += 1;
  }

  /** Registers both metrics on `registry` (prom-client formats them like its own). */
  register(registry: Registry): void {
    const all = (): Series[] =>
      [...this.byRoute.values()].flatMap((methods) => [...methods.values()].flatMap((s) => [...s.values()]));
    registry.registerMetric(
      collector(
        'http_requests_total',
        'HTTP requests answered, by method, route template and status code.',
        'counter',
        () => all().map((series) => ({ value: series.count, labels: series.labels })),
      ),
    );
    registry.registerMetric(
      collector(
        'http_request_duration_seconds',
        'Time from request received to response sent, by method, route template and status code.',
        'histogram',
        () => all().flatMap(histogramSamples),
      ),
    );
  }

  private series(method: string, route: string, statusCode: number): Series {
    let methods = this.byRoute.get(route);
    if (!methods) this.byRoute.set(route, (methods = new Map<string, Map<number, Series>>()));
    let statuses = methods.get(method);
    if (!statuses) methods.set(method, (statuses = new Map<number, Series>()));
    let series = statuses.get(statusCode);
    if (!series) {
      series = {
        labels: { method, route, status_code: String(statusCode) },
        count: 0,
        sum: 0,
        buckets: new Array<number>(BUCKETS.length + 1).fill(0),
      };
      statuses.set(statusCode, series);
    }
    return series;
  }
}

interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

function histogramSamples(series: Series): Sample[] {
  const name = 'http_request_duration_seconds';
  const samples: Sample[] = [];
  let cumulative = 0;
  BUCKETS.forEach((bound, index) => {
    cumulative += series.buckets[index];
    samples.push({
      value: cumulative,
      labels: { le: bound, ...series.labels },
      metricName: `${name}_bucket`,
    });
  });
  cumulative += series.buckets[BUCKETS.length];
  samples.push({ value: cumulative, labels: { le: '+Inf', ...series.labels }, metricName: `${name}_bucket` });
  samples.push({ value: series.sum, labels: series.labels, metricName: `${name}_sum` });
  samples.push({ value: series.count, labels: series.labels, metricName: `${name}_count` });
  return samples;
}

// The minimal shape prom-client's registry reads from a metric: its name, and `get()` at scrape time.
function collector(
  name: string,
  help: string,
  type: 'counter' | 'histogram',
  values: () => Sample[],
): Parameters<Registry['registerMetric']>[0] {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: values() }),
    reset: () => undefined,
  };
  return metric as unknown as Parameters<Registry['registerMetric']>[0];
}
