import type { ValidatedToken } from '@app/validation';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthorizationHeaderService } from './authorization-header.service';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import { AUTHORIZATION_HEADER_RULES } from './token.constants';
import type { SidecarRoute } from '@app/token-core';

/**
 * Both `/AuthorizationHeader*` routes for a request the caches answer in full, once the route's guard admitted
 * its caller from the caches (a cached user token, or none on the anonymous route): no query string (so the
 * shared options an earlier request resolved), for a plan whose token is still cached. The answer is the one the
 * handler would give; anything else (overrides, a miss) goes through the route's full pipeline.
 */
@Injectable()
export class TokenCachedAnswers {
  constructor(
    private readonly resolver: DownstreamOptionsResolver,
    private readonly headers: AuthorizationHeaderService,
  ) {}

  // Typed as the route's guard admits; `null` (anonymous) is answered as the handler would answer it.
  authorizationHeader(request: FastifyRequest, inbound: ValidatedToken | null): string | undefined {
    return this.lookup('AuthorizationHeader', request, inbound ?? undefined);
  }

  authorizationHeaderUnauthenticated(
    request: FastifyRequest,
    inbound: ValidatedToken | null,
  ): string | undefined {
    return this.lookup('AuthorizationHeaderUnauthenticated', request, inbound ?? undefined);
  }

  private lookup(
    route: SidecarRoute,
    request: FastifyRequest,
    inbound: ValidatedToken | undefined,
  ): string | undefined {
    // A query string may carry overrides: such a request's options are its own, and only full resolution reads them.
    if (request.url.includes('?')) return undefined;
    const { apiName } = request.params as { apiName: string };
    const options = this.resolver.sharedOptions(route, apiName, AUTHORIZATION_HEADER_RULES);
    return options === undefined ? undefined : this.headers.cachedAnswer(options, inbound)?.body;
  }
}
