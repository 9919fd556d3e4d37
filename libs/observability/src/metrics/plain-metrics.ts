import type { Registry } from 'prom-client';

/**
 * Counters and histograms kept as plain numbers per label set and turned into Prometheus samples only when
 * scraped. prom-client's own instruments hash the label set on every observation, even through `labels()`
 * children; on cache hits measured in microseconds that was the largest cost left in the pipeline. Here finding
 * the child of a label set allocates nothing and an observation is a few additions.
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

/** Children by label values: one map level per label, the child at the last. */
type Index<C> = Map<string, Index<C> | C>;

abstract class PlainMetric<L extends string, C> {
  /**
   * Walked one label value at a time, so a look-up builds no key string: the values are mostly constants
   * (flow, outcome, result), whose hashes V8 keeps, and a hit costs one map probe per label.
   */
  private readonly index: Index<C> = new Map();
  private readonly children: { readonly labels: Record<L, string>; readonly child: C }[] = [];

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

  /** The child for these label values (in `labelNames` order); a metric without labels has one child. */
  child(...values: string[]): C {
    const last = Math.max(this.definition.labelNames.length - 1, 0);
    let level = this.index;
    for (let depth = 0; depth < last; depth++) {
      const value = values[depth] ?? '';
      let next = level.get(value) as Index<C> | undefined;
      if (next === undefined) level.set(value, (next = new Map()));
      level = next;
    }
    const value = values[last] ?? '';
    return (level.get(value) as C | undefined) ?? this.add(level, value, values);
  }

  protected abstract create(): C;
  protected abstract samplesOf(child: C, labels: Record<L, string>): Sample[];

  private add(level: Index<C>, value: string, values: readonly string[]): C {
    const labels = Object.fromEntries(
      this.definition.labelNames.map((label, index) => [label, values[index] ?? '']),
    ) as Record<L, string>;
    const child = this.create();
    level.set(value, child);
    this.children.push({ labels, child });
    return child;
  }

  private samples(): Sample[] {
    return this.children.flatMap(({ child, labels }) => this.samplesOf(child, labels));
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
