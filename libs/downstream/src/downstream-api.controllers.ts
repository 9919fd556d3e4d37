import { JSON_CONTENT_TYPE } from '@app/cached-answers';
import type { SidecarRoute } from '@app/token-core';
import { BearerAuthGuard, InboundToken, OptionalBearerAuthGuard, type ValidatedToken } from '@app/validation';
import {
  type CanActivate,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Put,
  Req,
  Res,
  type Type,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@app/openapi';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiDownstreamOperation, UndocumentedDownstreamMethod } from './downstream-api.openapi';
import { DownstreamApiService } from './downstream-api.service';
import { downstreamRequest } from './downstream-request';

/** What tells the two `/DownstreamApi*` routes apart: their path, guard, override gate and summary. */
interface DownstreamRoute {
  readonly name: Extract<SidecarRoute, 'DownstreamApi' | 'DownstreamApiUnauthenticated'>;
  readonly guard: Type<CanActivate>;
  readonly gate: string;
  readonly gateDefault: boolean;
  readonly summary: string;
}

// Both routes run the same steps (spec C.4); only the route facts differ, so one factory builds both
// controllers. POST is the reference's documented operation; GET, PUT, PATCH and DELETE are accepted too
// (decisions §2) and behave exactly like it.
function downstreamController(route: DownstreamRoute): Type<unknown> {
  const path = `${route.name}/:apiName`;

  @ApiTags('Microsoft.Identity.Web.Sidecar')
  @Controller()
  @UseGuards(route.guard)
  class DownstreamRouteController {
    constructor(private readonly downstream: DownstreamApiService) {}

    @Post(path)
    @ApiDownstreamOperation(
      route.name,
      route.summary,
      route.gate,
      route.gateDefault,
      route.guard === BearerAuthGuard,
    )
    post(
      @Param('apiName') apiName: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
      @InboundToken() inbound: ValidatedToken | undefined,
    ): Promise<void> {
      return this.handle(apiName, request, reply, inbound);
    }

    @Get(path)
    @UndocumentedDownstreamMethod()
    get(
      @Param('apiName') apiName: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
      @InboundToken() inbound: ValidatedToken | undefined,
    ): Promise<void> {
      return this.handle(apiName, request, reply, inbound);
    }

    @Put(path)
    @UndocumentedDownstreamMethod()
    put(
      @Param('apiName') apiName: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
      @InboundToken() inbound: ValidatedToken | undefined,
    ): Promise<void> {
      return this.handle(apiName, request, reply, inbound);
    }

    @Patch(path)
    @UndocumentedDownstreamMethod()
    patch(
      @Param('apiName') apiName: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
      @InboundToken() inbound: ValidatedToken | undefined,
    ): Promise<void> {
      return this.handle(apiName, request, reply, inbound);
    }

    @Delete(path)
    @UndocumentedDownstreamMethod()
    delete(
      @Param('apiName') apiName: string,
      @Req() request: FastifyRequest,
      @Res() reply: FastifyReply,
      @InboundToken() inbound: ValidatedToken | undefined,
    ): Promise<void> {
      return this.handle(apiName, request, reply, inbound);
    }

    // The answer goes out through Fastify's reply, serialized here: Nest's response handling and Fastify's
    // serializer look-up cost a relayed call more than the JSON.stringify itself (CPU profile of the
    // downstream-vs-bare-proxy row). A rejection still reaches Nest's exception filter as a problem+json.
    private async handle(
      apiName: string,
      request: FastifyRequest,
      reply: FastifyReply,
      inbound: ValidatedToken | undefined,
    ): Promise<void> {
      const { context, body } = downstreamRequest(route.name, apiName, request, inbound);
      const result = await this.downstream.invoke(context, body);
      void reply.status(200).type(JSON_CONTENT_TYPE).send(JSON.stringify(result));
    }
  }

  // Distinct class names keep Nest's route logs and the OpenAPI document readable.
  Object.defineProperty(DownstreamRouteController, 'name', { value: `${route.name}Controller` });
  return DownstreamRouteController;
}

/** `/DownstreamApi/{apiName}` (spec C.4): bearer required, override gate `CallDownstreamApi` (default on). */
export const DownstreamApiController = downstreamController({
  name: 'DownstreamApi',
  guard: BearerAuthGuard,
  gate: 'CallDownstreamApi',
  gateDefault: true,
  summary: 'Invoke a configured downstream API through the sidecar using the authenticated identity.',
});

/**
 * `/DownstreamApiUnauthenticated/{apiName}` (spec C.4, C.0): anonymous, a valid bearer token is still used;
 * override gate `CallDownstreamApiUnauthenticated` (default off).
 */
export const DownstreamApiUnauthenticatedController = downstreamController({
  name: 'DownstreamApiUnauthenticated',
  guard: OptionalBearerAuthGuard,
  gate: 'CallDownstreamApiUnauthenticated',
  gateDefault: false,
  summary: 'Invoke a configured downstream API through the sidecar using the configured client credentials.',
});
