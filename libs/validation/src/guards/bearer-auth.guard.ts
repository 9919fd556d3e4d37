import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { authorizationHeaders } from '../header/request-authorization';
import { InboundTokenValidator } from '../inbound-token.validator';
import { attachToken, httpRequestOf } from './request-token';

/** Authenticated routes: a valid Bearer token is attached to the request, anything else is a 401. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly validator: InboundTokenValidator) {}

  // A token from the verified-token cache comes back as it is, and the request goes on without an await.
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = httpRequestOf<FastifyRequest>(context);
    const validated = this.validator.validate(authorizationHeaders(request.raw));
    if (validated instanceof Promise) return validated.then((token) => attachToken(request, token));
    return attachToken(request, validated);
  }
}
