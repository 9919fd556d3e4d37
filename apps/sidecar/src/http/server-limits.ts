import type { HostSettings } from '@app/config';
import type { FastifyInstance } from 'fastify';
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * node:http options that carry Kestrel's limits (`Kestrel:Limits`), for every server the sidecar listens with:
 * Fastify's own and the extra ones `listenOnAll` opens for further addresses.
 */
export function sidecarServerOptions(host: HostSettings) {
  return {
    // Node answers 431 itself when the request head exceeds this, before any sidecar code runs.
    maxHeaderSize: host.maxRequestHeadersTotalSizeBytes,
    // Node closes the socket a second after this, and says `Keep-Alive: timeout=<seconds>` in each answer.
    keepAliveTimeout: host.keepAliveTimeoutMs,
    // Counted from a connection's first byte of each request; Node answers 408 and closes at the deadline.
    headersTimeout: host.requestHeadersTimeoutMs,
    // Kestrel has no deadline for a whole request: a slow body is MinRequestBodyDataRate's business.
    requestTimeout: 0,
    // Node looks for passed header deadlines this often (30 s by default, which let a dripped header run
    // 88 s); Kestrel checks its timeouts once a second.
    connectionsCheckingInterval: 1_000,
  } satisfies ServerOptions;
}

const openConnections = new WeakMap<FastifyInstance, { count: number }>();

/**
 * `Kestrel:Limits:MaxConcurrentConnections` on one listener of the application served by `instance`. Like
 * Kestrel's, the limit counts the connections of all its listeners together, and a connection over it is
 * closed as soon as it is accepted, without an answer.
 */
export function capConnections(instance: FastifyInstance, server: Server, max: number | undefined): void {
  if (max === undefined) return;
  let open = openConnections.get(instance);
  if (open === undefined) openConnections.set(instance, (open = { count: 0 }));
  const counter = open;
  server.on('connection', (socket: Socket) => {
    if (counter.count >= max) {
      socket.destroy();
      return;
    }
    counter.count++;
    socket.once('close', () => counter.count--);
  });
}
