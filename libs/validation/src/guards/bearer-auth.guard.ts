import type { CachedAnswerGuard } from '@app/cached-answers';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InboundProbeMiss } from '../inbound-probe';
import { InboundTokenValidator } from '../inbound-token.validator';
import type { ValidatedToken } from '../validated-token';
import { attachToken, httpRequestOf, leaveProbe, probeLeftOn } from './request-token';

/**
 * Authenticated routes: a valid Bearer token is attached to the request, anything else is a 401. From the
 * caches alone it admits exactly a token the verified-token cache holds.
 */
@Injectable()
export class BearerAuthGuard implements CanActivate, CachedAnswerGuard<ValidatedToken> {
  constructor(protected readonly validator: InboundTokenValidator) {}

  // A token from the verified-token cache comes back as it is, and the request goes on without an await.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = httpRequestOf<FastifyRequest>(context);
    const probe = probeLeftOn(request) ?? this.validator.probe(request.raw);
    if (!(probe instanceof InboundProbeMiss)) return attachToken(request, probe);
    const validated = this.validator.validateMiss(probe);
    if (validated instanceof Promise) return validated.then((token) => attachToken(request, token));
    return attachToken(request, validated);
  }

  admitFromCache(request: FastifyRequest): ValidatedToken | undefined {
    const probe = this.validator.probe(request.raw);
    if (!(probe instanceof InboundProbeMiss)) return probe;
    leaveProbe(request, probe);
    return undefined;
  }

  keepAdmission(request: FastifyRequest, token: ValidatedToken): void {
    leaveProbe(request, token);
  }
}
