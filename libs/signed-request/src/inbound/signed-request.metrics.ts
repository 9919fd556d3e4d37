import { type CounterChild, HttpMetrics, PlainCounter } from '@app/observability';
import { Injectable } from '@nestjs/common';
import type { SignedRequestRejectionReason } from './signed-request.errors';

/** Signed-request instruments on the application's own registry. */
@Injectable()
export class SignedRequestMetrics {
  private readonly validations: PlainCounter<'outcome'>;
  private readonly validOutcome: CounterChild;
  private readonly earlyEvictions: CounterChild;

  constructor(metrics: HttpMetrics) {
    this.validations = new PlainCounter(metrics.registry, {
      name: 'sidecar_signed_request_validations_total',
      help: 'Inbound signed HTTP requests (Authorization: PoP) on /Validate, by outcome (valid, or the rejection reason).',
      labelNames: ['outcome'],
    });
    this.validOutcome = this.validations.child('valid');
    this.earlyEvictions = new PlainCounter(metrics.registry, {
      name: 'sidecar_signed_request_replay_evictions_total',
      help: 'Signed requests the replay memory forgot before their lifetime ended (ReplayCacheSize too small).',
      labelNames: [],
    }).child();
  }

  valid(): void {
    this.validOutcome.inc();
  }

  rejected(reason: SignedRequestRejectionReason | 'unexpected'): void {
    this.validations.child(reason.toLowerCase()).inc();
  }

  evictedEarly(): void {
    this.earlyEvictions.inc();
  }
}
