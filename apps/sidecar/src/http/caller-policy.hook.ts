import type { FastifyInstance } from 'fastify';

// Probes and scrapers reach these from the pod network; everything else only from the pod itself.
const EXEMPT_PATH = /^\/(healthz(\/[^?]*)?|metrics)\/?(\?|$)/i;

/**
 * Outside Development only loopback callers are served (reference A.4): any other peer gets 403 with an
 * empty body before routing, authentication or anything else runs, whatever the path or method. A request
 * without a peer address (Unix socket, in-process injection) is local by construction.
 */
export function installLoopbackOnlyPolicy(instance: FastifyInstance): void {
  instance.addHook('onRequest', (request, reply, done) => {
    if (isLoopback(request.socket.remoteAddress) || EXEMPT_PATH.test(request.url)) return done();
    void reply.code(403).send();
  });
}

/** IPv4 127.0.0.0/8, IPv6 ::1, and IPv4-mapped IPv6 loopback; no address counts as local. */
export function isLoopback(address: string | undefined): boolean {
  if (address === undefined || address === '') return true;
  // The peer of nearly every request, answered without the pattern below.
  if (address === '127.0.0.1' || address === '::1') return true;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') && /^127(\.\d{1,3}){3}$/.test(v4);
}
