import type { HostSettings } from '@app/config';
import { correlationIdFor } from '@app/observability';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { answerFrameworkError } from './framework-errors';

/** The Fastify server as the reference's Kestrel behaves: case-insensitive routes and its request limits. */
export function createFastifyAdapter(host: HostSettings): FastifyAdapter {
  return new FastifyAdapter({
    // An API name as long as the request head allows is an API name like any other (Kestrel has no such limit).
    routerOptions: { caseSensitive: false, maxParamLength: host.maxRequestHeadersTotalSizeBytes },
    frameworkErrors: answerFrameworkError,
    bodyLimit: host.maxRequestBodySizeBytes,
    genReqId: correlationIdFor,
    logger: false,
    // Node answers 431 itself when the request head exceeds this, before any sidecar code runs.
    http: { maxHeaderSize: host.maxRequestHeadersTotalSizeBytes },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
}
