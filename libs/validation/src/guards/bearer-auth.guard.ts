import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { authorizationHeaders } from '../header/request-authorization';
import { InboundTokenValidator } from '../inbound-token.validator';
import { attachToken } from './request-token';

/** Authenticated routes: a valid Bearer token is attached to the request, anything else is a 401. */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(private readonly validator: InboundTokenValidator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    attachToken(request, await this.validator.validate(authorizationHeaders(request.raw)));
    return true;
  }
}
