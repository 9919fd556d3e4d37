import { SidecarError } from '@app/problem-details';
import { rawQuery } from '@app/token';
import type { RequestContext, SidecarRoute } from '@app/token-core';
import type { ValidatedToken } from '@app/validation';
import type { FastifyRequest } from 'fastify';
import type { InboundBody } from './downstream-api.service';

/** The route context and forwarded body of one inbound `/DownstreamApi*` request. */
export function downstreamRequest(
  route: SidecarRoute,
  apiName: string,
  request: FastifyRequest,
  inbound: ValidatedToken | undefined,
): { context: RequestContext; body: InboundBody } {
  // Fastify answers HEAD through the GET route; a HEAD must not trigger a downstream call.
  if (request.method === 'HEAD') {
    throw new SidecarError('METHOD_NOT_ALLOWED', `The method HEAD is not allowed for /${route}/${apiName}.`, {
      allowedMethods: ['DELETE', 'GET', 'PATCH', 'POST', 'PUT'],
    });
  }
  const body = Buffer.isBuffer(request.body) ? request.body : undefined;
  return {
    context: { route, apiName, query: rawQuery(request), inbound },
    body: { body, contentType: request.headers['content-type'] },
  };
}
