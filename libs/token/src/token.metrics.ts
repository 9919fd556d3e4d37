import { HttpMetrics } from '@app/observability';
import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';

/** Token acquisition metrics, on the application's own registry. */
@Injectable()
export class TokenMetrics {
  private readonly acquisitions: Counter<'flow' | 'outcome'>;
  private readonly cache: Counter<'result'>;
  private readonly latency: Histogram<'flow'>;

  constructor(metrics: HttpMetrics) {
    const registers = [metrics.registry];
    this.acquisitions = new Counter({
      name: 'sidecar_token_acquisitions_total',
      help: 'Authorization headers requested, by flow and outcome (success, client_error, entra_error, failure).',
      labelNames: ['flow', 'outcome'] as const,
      registers,
    });
    this.cache = new Counter({
      name: 'sidecar_token_cache_lookups_total',
      help: 'Token cache look-ups by result: memory or distributed hit, joined an in-flight request, or miss.',
      labelNames: ['result'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'sidecar_token_acquisition_duration_seconds',
      help: 'Time to produce an authorization header, cache hits included, by flow.',
      labelNames: ['flow'] as const,
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
  }

  // Label sets are few (flows × outcomes); resolving each child once keeps prom-client's label hashing off
  // the cache-hit path, which is measured in microseconds.
  private readonly children = new Map<string, () => void>();
  private readonly latencyChildren = new Map<string, (seconds: number) => void>();

  /** Records one acquisition. */
  observe(flow: string, outcome: string, seconds: number): void {
    const key = `${flow} ${outcome}`;
    let count = this.children.get(key);
    if (count === undefined) {
      const child = this.acquisitions.labels(flow, outcome);
      count = () => child.inc();
      this.children.set(key, count);
    }
    count();
    let observe = this.latencyChildren.get(flow);
    if (observe === undefined) {
      const child = this.latency.labels(flow);
      observe = (value) => child.observe(value);
      this.latencyChildren.set(flow, observe);
    }
    observe(seconds);
  }

  /** Records one cache look-up. */
  cacheLookup(result: string): void {
    const key = `cache ${result}`;
    let count = this.children.get(key);
    if (count === undefined) {
      const child = this.cache.labels(result);
      count = () => child.inc();
      this.children.set(key, count);
    }
    count();
  }
}
