import type { CachedAnswerRoute, CachedAnswerSource } from '@app/http';
import { InboundTokenValidator, type ValidatedToken } from '@app/validation';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthorizationHeaderService } from './authorization-header.service';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import { AUTHORIZATION_HEADER_RULES } from './token.constants';
import type { SidecarRoute } from '@app/token-core';

/**
 * Both `/AuthorizationHeader*` routes for a request the caches answer in full: no query string (so the shared
 * options an earlier request resolved), and no credential or one the verified-token cache holds, for a plan
 * whose token is still cached. The answer is the one the guard and the handler would give; anything else
 * (overrides, a new or invalid token, a miss) goes through the route's full pipeline.
 */
@Injectable()
export class TokenCachedAnswers implements CachedAnswerSource {
  readonly cachedAnswerRoutes: readonly CachedAnswerRoute[] = [
    {
      method: 'GET',
      url: '/AuthorizationHeader/:apiName',
      lookup: (request) => this.lookup('AuthorizationHeader', request, true),
    },
    {
      method: 'GET',
      url: '/AuthorizationHeaderUnauthenticated/:apiName',
      lookup: (request) => this.lookup('AuthorizationHeaderUnauthenticated', request, false),
    },
  ];

  constructor(
    private readonly validator: InboundTokenValidator,
    private readonly resolver: DownstreamOptionsResolver,
    private readonly provider: AuthorizationHeaderService,
  ) {}

  private lookup(route: SidecarRoute, request: FastifyRequest, bearerRequired: boolean): string | undefined {
    // A query string may carry overrides: such a request's options are its own, and only full resolution reads them.
    if (request.url.includes('?')) return undefined;
    let inbound: ValidatedToken | undefined;
    if (request.headers.authorization !== undefined) {
      inbound = this.validator.cachedToken(request.raw);
      if (inbound === undefined) return undefined;
    } else if (bearerRequired) {
      return undefined;
    }
    const { apiName } = request.params as { apiName: string };
    const options = this.resolver.sharedOptions(route, apiName, AUTHORIZATION_HEADER_RULES);
    const answer = options === undefined ? undefined : this.provider.cachedAnswer(options, inbound);
    if (answer === undefined) return undefined;
    if (inbound !== undefined) this.validator.countCachedUse();
    return answer.body;
  }
}
