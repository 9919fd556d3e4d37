import { type CacheUsage, HttpMetrics, PlainCounter, PlainHistogram } from '@app/observability';
import { Injectable } from '@nestjs/common';

/** Token acquisition metrics, on the application's own registry (plain numbers: a cache hit is microseconds). */
@Injectable()
export class TokenMetrics {
  private readonly acquisitions: PlainCounter<'flow' | 'outcome'>;
  private readonly cache: PlainCounter<'result'>;
  private readonly latency: PlainHistogram<'flow'>;

  constructor(private readonly metrics: HttpMetrics) {
    this.acquisitions = new PlainCounter(metrics.registry, {
      name: 'sidecar_token_acquisitions_total',
      help: 'Authorization headers requested, by flow and outcome (success, client_error, entra_error, failure).',
      labelNames: ['flow', 'outcome'],
    });
    this.cache = new PlainCounter(metrics.registry, {
      name: 'sidecar_token_cache_lookups_total',
      help: 'Token cache look-ups by result: memory or distributed hit, joined an in-flight request, or miss.',
      labelNames: ['result'],
    });
    this.latency = new PlainHistogram(metrics.registry, {
      name: 'sidecar_token_acquisition_duration_seconds',
      help: 'Time to produce an authorization header, cache hits included, by flow.',
      labelNames: ['flow'],
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    });
  }

  /** Records one acquisition. */
  observe(flow: string, outcome: string, seconds: number): void {
    this.acquisitions.child(flow, outcome).inc();
    this.latency.child(flow).observe(seconds);
  }

  /** Reports the token cache on `sidecar_cache_entries` / `sidecar_cache_bytes`. */
  trackCache(cache: CacheUsage): void {
    this.metrics.caches.track('token', cache);
  }

  /** Records one cache look-up. */
  cacheLookup(result: string): void {
    this.cache.child(result).inc();
  }
}
