import { OptionalBearerAuthGuard, InboundToken, type ValidatedToken } from '@app/validation';
import { Controller, Delete, Get, Param, Patch, Post, Put, Req, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiDownstreamOperation, UndocumentedDownstreamMethod } from './downstream-api.openapi';
import { DownstreamApiService } from './downstream-api.service';
import { downstreamRequest } from './downstream-request';
import type { DownstreamApiResultDto } from './dto/downstream-api-result.dto';

const ROUTE = 'DownstreamApiUnauthenticated/:apiName';

/** `/DownstreamApiUnauthenticated/{apiName}` (spec C.4, C.0): anonymous, a valid bearer token is still used; override gate `CallDownstreamApiUnauthenticated` (default off). */
@ApiTags('Microsoft.Identity.Web.Sidecar')
@Controller()
@UseGuards(OptionalBearerAuthGuard)
export class DownstreamApiUnauthenticatedController {
  constructor(private readonly downstream: DownstreamApiService) {}

  @Post(ROUTE)
  @ApiDownstreamOperation(
    'DownstreamApiUnauthenticated',
    'Invoke a configured downstream API through the sidecar using the configured client credentials.',
    'CallDownstreamApiUnauthenticated',
    false,
  )
  post(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    return this.handle(apiName, request, inbound);
  }

  @Get(ROUTE)
  @UndocumentedDownstreamMethod()
  get(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    return this.handle(apiName, request, inbound);
  }

  @Put(ROUTE)
  @UndocumentedDownstreamMethod()
  put(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    return this.handle(apiName, request, inbound);
  }

  @Patch(ROUTE)
  @UndocumentedDownstreamMethod()
  patch(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    return this.handle(apiName, request, inbound);
  }

  @Delete(ROUTE)
  @UndocumentedDownstreamMethod()
  delete(
    @Param('apiName') apiName: string,
    @Req() request: FastifyRequest,
    @InboundToken() inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    return this.handle(apiName, request, inbound);
  }

  private handle(
    apiName: string,
    request: FastifyRequest,
    inbound: ValidatedToken | undefined,
  ): Promise<DownstreamApiResultDto> {
    const { context, body } = downstreamRequest('DownstreamApiUnauthenticated', apiName, request, inbound);
    return this.downstream.invoke(context, body);
  }
}
