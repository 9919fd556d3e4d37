import { ApiProblemResponses } from '@app/problem-details';
import { BearerAuthGuard, InboundToken, OptionalBearerAuthGuard, type ValidatedToken } from '@app/validation';
import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiTokenRouteQueries } from './api-token-route-queries.decorator';
import { AuthorizationHeaderProvider } from './authorization-header.provider';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import { AuthorizationHeaderResultDto } from './dto/authorization-header-result.dto';
import type { RequestContext, SidecarRoute } from './token.types';

/** Spec C.5 note: the raw query string, never a framework-parsed one (dotted keys, repeated keys). */
export const rawQuery = (request: FastifyRequest): URLSearchParams =>
  new URLSearchParams((request.raw.url ?? '').split('?').slice(1).join('?'));

/** `GET /AuthorizationHeader/{apiName}` and `GET /AuthorizationHeaderUnauthenticated/{apiName}` (spec C.3). */
@ApiTags('Microsoft.Identity.Web.Sidecar')
@Controller()
export class TokenController {
  constructor(
    private readonly resolver: DownstreamOptionsResolver,
    private readonly provider: AuthorizationHeaderProvider,
  ) {}

  @Get('AuthorizationHeader/:apiName')
  @UseGuards(BearerAuthGuard)
  @ApiOperation({
    operationId: 'AuthorizationHeader',
    summary: 'Authorization header for a downstream API (bearer required).',
  })
  @ApiTokenRouteQueries()
  @ApiOkResponse({ type: AuthorizationHeaderResultDto })
  @ApiProblemResponses(400, 401)
  authorizationHeader(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<AuthorizationHeaderResultDto> {
    return this.handle('AuthorizationHeader', apiName, request, inbound);
  }

  @Get('AuthorizationHeaderUnauthenticated/:apiName')
  @UseGuards(OptionalBearerAuthGuard)
  @ApiOperation({
    operationId: 'AuthorizationHeaderUnauthenticated',
    summary: 'Authorization header for a downstream API (anonymous; a valid bearer token is used if sent).',
  })
  @ApiTokenRouteQueries()
  @ApiOkResponse({ type: AuthorizationHeaderResultDto })
  @ApiProblemResponses(400, 401)
  authorizationHeaderUnauthenticated(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<AuthorizationHeaderResultDto> {
    return this.handle('AuthorizationHeaderUnauthenticated', apiName, request, inbound);
  }

  private async handle(
    route: SidecarRoute,
    apiName: string,
    request: FastifyRequest,
    inbound: ValidatedToken | undefined,
  ): Promise<AuthorizationHeaderResultDto> {
    const context: RequestContext = { route, apiName, query: rawQuery(request), inbound };
    const options = this.resolver.resolve(context, { requireNonEmptyScopes: false });
    const result = await this.provider.acquire(options, context);
    return {
      authorizationHeader: result.authorizationHeader,
      expiresOn: result.expiresOn.toISOString(),
      ...(result.longRunningWebApiSessionKey === undefined
        ? {}
        : { longRunningWebApiSessionKey: result.longRunningWebApiSessionKey }),
    };
  }
}
