import { HttpMetrics } from '@app/observability';
import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import type { RejectionReason } from './validation.errors';

/** Why the signing keys were fetched. */
export type JwksFetchReason = 'startup' | 'scheduled' | 'unknown_kid';

/** Validation instruments on the application's own registry. */
@Injectable()
export class ValidationMetrics {
  private readonly validations: Counter<'outcome'>;
  private readonly fetches: Counter<'reason' | 'outcome'>;
  private readonly cacheHits: Counter;
  // Bound once: prom-client's label hashing stays off the per-request path.
  private readonly validOutcome: Counter.Internal;

  constructor(metrics: HttpMetrics) {
    const registers = [metrics.registry];
    this.validations = new Counter({
      name: 'sidecar_token_validations_total',
      help: 'Inbound token validations, by outcome (valid, or the rejection reason).',
      labelNames: ['outcome'] as const,
      registers,
    });
    this.fetches = new Counter({
      name: 'sidecar_jwks_fetches_total',
      help: 'Metadata and signing-key fetches from the authority, by reason and outcome.',
      labelNames: ['reason', 'outcome'] as const,
      registers,
    });
    this.cacheHits = new Counter({
      name: 'sidecar_validation_cache_hits_total',
      help: 'Validations answered from the verified-token cache.',
      registers,
    });
    this.validOutcome = this.validations.labels('valid');
  }

  valid(fromCache: boolean): void {
    this.validOutcome.inc();
    if (fromCache) this.cacheHits.inc();
  }

  rejected(reason: RejectionReason): void {
    this.validations.labels(reason.toLowerCase()).inc();
  }

  fetched(reason: JwksFetchReason, ok: boolean): void {
    this.fetches.labels(reason, ok ? 'success' : 'failure').inc();
  }
}
