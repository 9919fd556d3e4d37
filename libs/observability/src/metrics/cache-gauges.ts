import { formatLabels, type MetricFamily, type MetricsRegistry, sampleLine } from './metrics-registry';

/** What a bounded cache tells about its size: entries, and the bytes they are counted as against its budget. */
export interface CacheUsage {
  readonly size: number;
  readonly bytes: number;
}

/** A gauge whose samples are read from the caches when scraped: nothing is counted between two scrapes. */
class ReadGauge implements MetricFamily {
  readonly type = 'gauge';
  private readonly samples: { readonly labels: string; readonly read: () => number }[] = [];

  constructor(
    registry: MetricsRegistry,
    readonly name: string,
    readonly help: string,
  ) {
    registry.register(this);
  }

  add(cache: string, read: () => number): void {
    this.samples.push({ labels: formatLabels(['cache'], [cache]), read });
  }

  writeSamples(lines: string[]): void {
    for (const { labels, read } of this.samples) lines.push(sampleLine(this.name, labels, read()));
  }
}

/**
 * `sidecar_cache_entries` and `sidecar_cache_bytes` by `cache` (`verified_token`, `token`, …): each feature
 * adds its caches, read at scrape time. The bytes are the caches' own estimates, the ones their memory
 * budgets (`VerifiedTokenCacheBytes`, `TokenCache:MaxBytes`) are checked against.
 */
export class CacheGauges {
  private readonly entries: ReadGauge;
  private readonly bytes: ReadGauge;

  constructor(registry: MetricsRegistry) {
    this.entries = new ReadGauge(registry, 'sidecar_cache_entries', 'Entries held by each of the caches.');
    this.bytes = new ReadGauge(
      registry,
      'sidecar_cache_bytes',
      'Estimated bytes held by each of the caches, as counted against its memory budget.',
    );
  }

  /** Reports `cache` on both gauges from now on. */
  track(cache: string, usage: CacheUsage): void {
    this.entries.add(cache, () => usage.size);
    this.bytes.add(cache, () => usage.bytes);
  }
}
