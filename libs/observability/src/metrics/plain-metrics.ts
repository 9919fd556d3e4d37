import type { Registry } from 'prom-client';

/**
 * Counters and histograms kept as plain numbers per label set and turned into Prometheus samples only when
 * scraped. prom-client's own instruments hash the label set on every observation, even through `labels()`
 * children; on cache hits measured in microseconds that was the largest cost left in the pipeline. Here a
 * caller resolves a child once per label set and an observation is a few additions.
 */
interface Sample {
  value: number;
  labels: Record<string, string | number>;
  metricName?: string;
}

/** One label set of a counter. */
export interface CounterChild {
  inc(by?: number): void;
}

/** One label set of a histogram. */
export interface HistogramChild {
  observe(value: number): void;
}

interface Definition<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
}

abstract class PlainMetric<L extends string, C> {
  private readonly children = new Map<string, { labels: Record<L, string>; child: C }>();

  constructor(
    registry: Registry,
    protected readonly definition: Definition<L>,
    type: 'counter' | 'histogram',
  ) {
    const { name, help } = definition;
    const metric = {
      name,
      help,
      type,
      aggregator: 'sum',
      get: () => Promise.resolve({ name, help, type, aggregator: 'sum', values: this.samples() }),
      reset: () => undefined,
    };
    // The minimal shape prom-client's registry reads from a metric: its name, and `get()` at scrape time.
    registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** The child for these label values (in `labelNames` order): one map look-up; keep it where even that counts. */
  child(...values: string[]): C {
    const key = values.join('\u0000');
    let entry = this.children.get(key);
    if (entry === undefined) {
      const labels = Object.fromEntries(
        this.definition.labelNames.map((label, index) => [label, values[index] ?? '']),
      ) as Record<L, string>;
      entry = { labels, child: this.create() };
      this.children.set(key, entry);
    }
    return entry.child;
  }

  protected abstract create(): C;
  protected abstract samplesOf(child: C, labels: Record<L, string>): Sample[];

  private samples(): Sample[] {
    return [...this.children.values()].flatMap(({ child, labels }) => this.samplesOf(child, labels));
  }
}

class Count implements CounterChild {
  value = 0;
  inc(by = 1): void {
    this.value += by;
  }
}

/** A Prometheus counter of plain numbers. */
export class PlainCounter<L extends string = string> extends PlainMetric<L, Count> {
  constructor(registry: Registry, definition: Definition<L>) {
    super(registry, definition, 'counter');
  }

  protected create(): Count {
    return new Count();
  }

  protected samplesOf(child: Count, labels: Record<L, string>): Sample[] {
    return [{ value: child.value, labels }];
  }
}

class Distribution implements HistogramChild {
  count = 0;
  sum = 0;
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. Made cumulative only at scrape time. */
  readonly perBucket: number[];

  constructor(private readonly bounds: readonly number[]) {
    this.perBucket = new Array<number>(bounds.length + 1).fill(0);
  }

  observe(value: number): void {
    this.count += 1;
    this.sum += value;
    let index = 0;
    while (index < this.bounds.length && value > this.bounds[index]) index += 1;
    this.perBucket[index] += 1;
  }
}

/** A Prometheus histogram of plain numbers. */
export class PlainHistogram<L extends string = string> extends PlainMetric<L, Distribution> {
  private readonly buckets: readonly number[];

  constructor(registry: Registry, definition: Definition<L> & { buckets: readonly number[] }) {
    super(registry, definition, 'histogram');
    this.buckets = definition.buckets;
  }

  protected create(): Distribution {
    return new Distribution(this.buckets);
  }

  protected samplesOf(child: Distribution, labels: Record<L, string>): Sample[] {
    const name = this.definition.name;
    const samples: Sample[] = [];
    let cumulative = 0;
    this.buckets.forEach((bound, index) => {
      cumulative += child.perBucket[index];
      samples.push({ value: cumulative, labels: { le: bound, ...labels }, metricName: `${name}_bucket` });
    });
    cumulative += child.perBucket[this.buckets.length];
    samples.push({ value: cumulative, labels: { le: '+Inf', ...labels }, metricName: `${name}_bucket` });
    samples.push({ value: child.sum, labels, metricName: `${name}_sum` });
    samples.push({ value: child.count, labels, metricName: `${name}_count` });
    return samples;
  }
}
