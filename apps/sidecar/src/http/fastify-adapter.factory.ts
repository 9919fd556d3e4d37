import type { HostSettings } from '@app/config';
import { correlationIdFor } from '@app/observability';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { answerClientError } from './client-errors';
import { answerFrameworkError } from './framework-errors';
import { lazySchemaCompilers } from './lazy-schema-compilers';
import { capConnections, sidecarServerOptions } from './server-limits';

/** The Fastify server as the reference's Kestrel behaves: case-insensitive routes and its request limits. */
export function createFastifyAdapter(host: HostSettings): FastifyAdapter {
  const server = sidecarServerOptions(host);
  const adapter = new FastifyAdapter({
    // An API name as long as the request head allows is an API name like any other (Kestrel has no such limit).
    routerOptions: { caseSensitive: false, maxParamLength: host.maxRequestHeadersTotalSizeBytes },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    bodyLimit: host.maxRequestBodySizeBytes,
    genReqId: correlationIdFor,
    logger: false,
    http: server,
    // Fastify sets these two on its servers after creating them, over what `http` said.
    keepAliveTimeout: server.keepAliveTimeout,
    requestTimeout: server.requestTimeout,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    schemaController: { compilersFactory: lazySchemaCompilers() },
  });
  const instance = adapter.getInstance();
  capConnections(instance, instance.server, host.maxConcurrentConnections);
  return adapter;
}
