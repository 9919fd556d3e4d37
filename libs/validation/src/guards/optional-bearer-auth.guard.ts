import type { CachedAnswerGuard } from '@app/cached-answers';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { SidecarError } from '@app/problem-details';
import type { FastifyRequest } from 'fastify';
import { InboundProbeMiss } from '../inbound-probe';
import { InboundTokenValidator } from '../inbound-token.validator';
import type { ValidatedToken } from '../validated-token';
import { attachToken, httpRequestOf, leaveProbe, probeLeftOn } from './request-token';

/**
 * Anonymous routes (spec C.0): authentication still runs, so a valid Bearer token is attached and
 * OBO becomes possible, but a missing or invalid one is ignored instead of answering 401. From the caches
 * alone it admits a call without an `Authorization` header (as `null`) or with a token the cache holds.
 */
@Injectable()
export class OptionalBearerAuthGuard implements CanActivate, CachedAnswerGuard<ValidatedToken | null> {
  constructor(private readonly validator: InboundTokenValidator) {}

  // Without an Authorization header there is nothing to wait for: the anonymous call goes on at once.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = httpRequestOf<FastifyRequest>(context);
    const probe = probeLeftOn(request) ?? this.validator.probe(request.raw);
    if (!(probe instanceof InboundProbeMiss)) return attachToken(request, probe);
    return probe === InboundProbeMiss.NO_HEADER ? true : this.attachIfValid(request, probe);
  }

  admitFromCache(request: FastifyRequest): ValidatedToken | null | undefined {
    const probe = this.validator.probe(request.raw);
    if (!(probe instanceof InboundProbeMiss)) return probe;
    if (probe === InboundProbeMiss.NO_HEADER) return null;
    leaveProbe(request, probe);
    return undefined;
  }

  keepAdmission(request: FastifyRequest, token: ValidatedToken | null): void {
    leaveProbe(request, token ?? InboundProbeMiss.NO_HEADER);
  }

  private async attachIfValid(request: FastifyRequest, miss: InboundProbeMiss): Promise<boolean> {
    try {
      attachToken(request, await this.validator.validateMiss(miss));
    } catch (error) {
      // Only authentication failures are ignored; an unexpected fault still surfaces as a 500.
      if (!(error instanceof SidecarError) || error.code !== 'UNAUTHENTICATED') throw error;
    }
    return true;
  }
}
