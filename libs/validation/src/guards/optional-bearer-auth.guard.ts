import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { SidecarError } from '@app/problem-details';
import type { FastifyRequest } from 'fastify';
import { authorizationHeaders } from '../header/request-authorization';
import { InboundTokenValidator } from '../inbound-token.validator';
import { attachToken, httpRequestOf } from './request-token';

/**
 * Anonymous routes (spec C.0): authentication still runs, so a valid Bearer token is attached and
 * OBO becomes possible, but a missing or invalid one is ignored instead of answering 401.
 */
@Injectable()
export class OptionalBearerAuthGuard implements CanActivate {
  constructor(private readonly validator: InboundTokenValidator) {}

  // Without an Authorization header there is nothing to wait for: the anonymous call goes on at once.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = httpRequestOf<FastifyRequest>(context);
    const header = authorizationHeaders(request.raw);
    return header === undefined ? true : this.attachIfValid(request, header);
  }

  private async attachIfValid(request: FastifyRequest, header: string | string[]): Promise<boolean> {
    try {
      attachToken(request, await this.validator.validate(header));
    } catch (error) {
      // Only authentication failures are ignored; an unexpected fault still surfaces as a 500.
      if (!(error instanceof SidecarError) || error.code !== 'UNAUTHENTICATED') throw error;
    }
    return true;
  }
}
