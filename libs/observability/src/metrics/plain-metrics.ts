import { formatLabels, type MetricFamily, type MetricsRegistry, sampleLine } from './metrics-registry';

/**
 * Counters and histograms kept as plain numbers per label set and turned into Prometheus samples only when
 * scraped (see `metrics-registry.ts` for why not prom-client's). Finding the child of a label set allocates
 * nothing and an observation is a few additions.
 */

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

abstract class PlainMetric<L extends string, C> implements MetricFamily {
  readonly name: string;
  readonly help: string;

  /**
   * Walked one label value at a time, so a look-up builds no key string: the values are mostly constants
   * (flow, outcome, result), whose hashes V8 keeps, and a hit costs one map probe per label.
   */
  private readonly index: Index<C> = new Map();
  /** Each child with its label pairs, formatted once when the child is created. */
  private readonly children: { readonly labels: string; readonly child: C }[] = [];

  constructor(
    registry: MetricsRegistry,
    protected readonly definition: Definition<L>,
    readonly type: 'counter' | 'histogram',
  ) {
    this.name = definition.name;
    this.help = definition.help;
    registry.register(this);
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

  writeSamples(lines: string[]): void {
    for (const { child, labels } of this.children) this.writeChild(lines, child, labels);
  }

  protected abstract create(): C;
  protected abstract writeChild(lines: string[], child: C, labels: string): void;

  private add(level: Index<C>, value: string, values: readonly string[]): C {
    const child = this.create();
    level.set(value, child);
    this.children.push({ labels: formatLabels(this.definition.labelNames, values), child });
    return child;
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
  constructor(registry: MetricsRegistry, definition: Definition<L>) {
    super(registry, definition, 'counter');
  }

  protected create(): Count {
    return new Count();
  }

  protected writeChild(lines: string[], child: Count, labels: string): void {
    lines.push(sampleLine(this.name, labels, child.value));
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

  constructor(registry: MetricsRegistry, definition: Definition<L> & { buckets: readonly number[] }) {
    super(registry, definition, 'histogram');
    this.buckets = definition.buckets;
  }

  protected create(): Distribution {
    return new Distribution(this.buckets);
  }

  // `le` comes first, as prom-client wrote it before, so scrapers and tests read the same lines.
  protected writeChild(lines: string[], child: Distribution, labels: string): void {
    const bucket = `${this.name}_bucket`;
    const rest = labels === '' ? '' : `,${labels}`;
    let cumulative = 0;
    this.buckets.forEach((bound, index) => {
      cumulative += child.perBucket[index];
      lines.push(sampleLine(bucket, `le="${bound}"${rest}`, cumulative));
    });
    cumulative += child.perBucket[this.buckets.length];
    lines.push(sampleLine(bucket, `le="+Inf"${rest}`, cumulative));
    lines.push(sampleLine(`${this.name}_sum`, labels, child.sum));
    lines.push(sampleLine(`${this.name}_count`, labels, child.count));
  }
}

/** Seconds since `startedMs`, a `performance.now()` reading: a histogram's observation, as a double, no BigInt. */
export const secondsSince = (startedMs: number): number => (performance.now() - startedMs) / 1000;
