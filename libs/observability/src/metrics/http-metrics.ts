import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { CacheGauges } from './cache-gauges';
import { MetricsRegistry } from './metrics-registry';
import { RequestSeries } from './request-series';

/**
 * Prometheus metrics of one application instance. Each instance owns its registry (no global default
 * registry), so several sidecars in one process, as in the tests, never mix their numbers.
 */
@Injectable()
export class HttpMetrics {
  readonly registry = new MetricsRegistry();

  private readonly requests = new RequestSeries(this.registry);

  /** Entries and estimated bytes of the caches; features add theirs. */
  readonly caches = new CacheGauges(this.registry);

  constructor() {
    // prom-client as designed: its default collectors on a registry of their own, rendered at their place.
    const runtime = new Registry();
    collectDefaultMetrics({ register: runtime });
    this.registry.registerSource(() => runtime.metrics());
  }

  /** Records one answered request; `route` is the template (`/AuthorizationHeader/:apiName`), never the raw path. */
  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.requests.observe(method, route, statusCode, seconds);
  }

  /** Prometheus text exposition of everything registered. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
