import { CachedAnswer, JSON_CONTENT_TYPE } from '@app/cached-answers';
import { ApiProblemResponses } from '@app/problem-details';
import { BearerAuthGuard, InboundToken, OptionalBearerAuthGuard, type ValidatedToken } from '@app/validation';
import { Controller, Get, Param, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags, BEARER_SCHEME } from '@app/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiTokenRouteQueries } from './api-token-route-queries.decorator';
import { AuthorizationHeaderService } from './authorization-header.service';
import { DownstreamOptionsResolver, sharesOptions } from './downstream-options.resolver';
import { TokenCachedAnswers } from './token.cached-answers';
import { AuthorizationHeaderResultDto } from './dto/authorization-header-result.dto';
import { AUTHORIZATION_HEADER_RULES } from './token.constants';
import type { QueryParameters, RequestContext, SidecarRoute } from '@app/token-core';

/** Spec C.5 note: the raw query string, never a framework-parsed one (dotted keys, repeated keys). */
export function rawQuery(request: FastifyRequest): QueryParameters {
  const url = request.raw.url ?? '';
  const start = url.indexOf('?');
  return start === -1 ? NO_QUERY : new URLSearchParams(url.slice(start + 1));
}

// Most requests have no query string: they share this one, read only (`QueryParameters`), not one each.
const NO_QUERY: QueryParameters = new URLSearchParams();

function sendJson(reply: FastifyReply, body: string): undefined {
  void reply.status(200).type(JSON_CONTENT_TYPE).send(body);
  return undefined;
}

/** `GET /AuthorizationHeader/{apiName}` and `GET /AuthorizationHeaderUnauthenticated/{apiName}` (spec C.3). */
@ApiTags('Microsoft.Identity.Web.Sidecar')
@Controller()
export class TokenController {
  constructor(
    private readonly resolver: DownstreamOptionsResolver,
    private readonly headers: AuthorizationHeaderService,
  ) {}

  @Get('AuthorizationHeader/:apiName')
  @UseGuards(BearerAuthGuard)
  @ApiSecurity(BEARER_SCHEME)
  @CachedAnswer(TokenCachedAnswers, 'authorizationHeader')
  @ApiOperation({
    operationId: 'AuthorizationHeader',
    summary: 'Authorization header for a downstream API (bearer required).',
  })
  @ApiTokenRouteQueries()
  @ApiOkResponse({ type: AuthorizationHeaderResultDto })
  @ApiProblemResponses(400, 401, 500)
  authorizationHeader(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<void> | undefined {
    return this.handle('AuthorizationHeader', apiName, request, reply, inbound);
  }

  @Get('AuthorizationHeaderUnauthenticated/:apiName')
  @UseGuards(OptionalBearerAuthGuard)
  @CachedAnswer(TokenCachedAnswers, 'authorizationHeaderUnauthenticated')
  @ApiOperation({
    operationId: 'AuthorizationHeaderUnauthenticated',
    summary: 'Authorization header for a downstream API (anonymous; a valid bearer token is used if sent).',
  })
  @ApiTokenRouteQueries()
  @ApiOkResponse({ type: AuthorizationHeaderResultDto })
  @ApiProblemResponses(400, 401, 500)
  authorizationHeaderUnauthenticated(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<void> | undefined {
    return this.handle('AuthorizationHeaderUnauthenticated', apiName, request, reply, inbound);
  }

  // A cached answer is sent without an await (most calls are hits); anything else takes the header service's full path.
  private handle(
    route: SidecarRoute,
    apiName: string,
    request: FastifyRequest,
    reply: FastifyReply,
    inbound: ValidatedToken | undefined,
  ): Promise<void> | undefined {
    const context: RequestContext = { route, apiName, query: rawQuery(request), inbound };
    const options = this.resolver.resolve(context, AUTHORIZATION_HEADER_RULES);
    const cached = sharesOptions(context) ? this.headers.cachedAnswer(options, inbound) : undefined;
    if (cached !== undefined) return sendJson(reply, cached.body);
    return this.headers.answer(options, context).then((answer) => sendJson(reply, answer.body));
  }
}
