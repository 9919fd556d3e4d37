import { type CacheUsage, type CounterChild, HttpMetrics, PlainCounter } from '@app/observability';
import { Injectable } from '@nestjs/common';
import type { RejectionReason } from './validation.errors';

/** Why the signing keys were fetched. */
export type JwksFetchReason = 'startup' | 'scheduled' | 'unknown_kid';

/** Validation instruments on the application's own registry. */
@Injectable()
export class ValidationMetrics {
  private readonly validations: PlainCounter<'outcome'>;
  private readonly fetches: PlainCounter<'reason' | 'outcome'>;
  // Resolved once: the cached-validation path is two additions.
  private readonly validOutcome: CounterChild;
  private readonly cacheHits: CounterChild;

  constructor(private readonly metrics: HttpMetrics) {
    this.validations = new PlainCounter(metrics.registry, {
      name: 'sidecar_token_validations_total',
      help: 'Inbound token validations, by outcome (valid, or the rejection reason).',
      labelNames: ['outcome'],
    });
    this.fetches = new PlainCounter(metrics.registry, {
      name: 'sidecar_jwks_fetches_total',
      help: 'Metadata and signing-key fetches from the authority, by reason and outcome.',
      labelNames: ['reason', 'outcome'],
    });
    this.cacheHits = new PlainCounter(metrics.registry, {
      name: 'sidecar_validation_cache_hits_total',
      help: 'Validations answered from the verified-token cache.',
      labelNames: [],
    }).child();
    this.validOutcome = this.validations.child('valid');
  }

  /** Reports the verified-token cache on `sidecar_cache_entries` / `sidecar_cache_bytes`. */
  trackCache(cache: CacheUsage): void {
    this.metrics.caches.track('verified_token', cache);
  }

  valid(fromCache: boolean): void {
    this.validOutcome.inc();
    if (fromCache) this.cacheHits.inc();
  }

  rejected(reason: RejectionReason): void {
    this.validations.child(reason.toLowerCase()).inc();
  }

  fetched(reason: JwksFetchReason, ok: boolean): void {
    this.fetches.child(reason, ok ? 'success' : 'failure').inc();
  }
}
