import { type ExecutionContext, Injectable, Optional } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { isPopScheme } from '../header/authorization-header';
import { type InboundProbe, InboundProbeMiss } from '../inbound-probe';
import { InboundTokenValidator } from '../inbound-token.validator';
import { SignedRequestValidator } from '../validate/signed-request.validator';
import { BearerAuthGuard } from './bearer-auth.guard';
import { attachToken, httpRequestOf, leaveProbe, probeLeftOn } from './request-token';

// One `Authorization` header in the PoP scheme: the probe read it and found no Bearer credential in it.
const isSignedRequest = (probe: InboundProbe): boolean =>
  probe instanceof InboundProbeMiss &&
  probe.credential === undefined &&
  typeof probe.header === 'string' &&
  isPopScheme(probe.header);

/**
 * `GET /Validate` only (spec G.7: the other routes stay Bearer-only): Bearer exactly as `BearerAuthGuard`,
 * and `Authorization: PoP` handed to the `SignedRequestValidator` when a module provides one. From the caches
 * it admits what `BearerAuthGuard` admits and never a PoP request (its header holds no Bearer credential), so
 * a signed request's signature, timestamp and request binding are checked on every call.
 */
@Injectable()
export class ValidateAuthGuard extends BearerAuthGuard {
  constructor(
    validator: InboundTokenValidator,
    @Optional() private readonly signedRequests?: SignedRequestValidator,
  ) {
    super(validator);
  }

  override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (this.signedRequests === undefined) return super.canActivate(context);
    const request = httpRequestOf<FastifyRequest>(context);
    const probe = probeLeftOn(request) ?? this.validator.probe(request.raw);
    if (isSignedRequest(probe)) {
      return this.signedRequests.validate(request).then((token) => attachToken(request, token));
    }
    // The Bearer path continues from this look at the request instead of taking another.
    leaveProbe(request, probe);
    return super.canActivate(context);
  }
}
