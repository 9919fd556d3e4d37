import type { MinDataRate } from '@app/config';
import { SidecarError } from '@app/problem-details';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';

// Kestrel checks the rate on its one-second heartbeat.
const CHECK_INTERVAL_MS = 1_000;

/**
 * `Kestrel:Limits:MinRequestBodyDataRate`: once the grace period has passed, a request body whose average rate
 * so far is below the minimum is answered 408 and its connection closed (just closed when the answer has
 * already started), so a client cannot hold a request open by dripping its body. Node has no such limit: each
 * request with a body gets one timer that compares the bytes its socket has read with the minimum. Nothing is
 * added per chunk, and a request without a body gets nothing at all.
 */
export function installMinRequestBodyDataRate(
  instance: FastifyInstance,
  rate: MinDataRate | undefined,
): void {
  if (rate === undefined) return;
  instance.addHook('onRequest', (request, reply, done) => {
    if (hasBody(request.headers)) watchBody(request, reply, rate);
    done();
  });
}

function hasBody(headers: IncomingHttpHeaders): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function watchBody(request: FastifyRequest, reply: FastifyReply, rate: MinDataRate): void {
  const body = request.raw;
  const socket = body.socket;
  // An injected request (app.inject) has no network socket and its whole body at once: nothing to watch.
  if (typeof socket.bytesRead !== 'number') return;
  // The socket's count, not a listener on the body: Fastify reads the body, we only look at how much came.
  const bytesBefore = socket.bytesRead;
  const startedAt = performance.now();
  const timer = setInterval(() => {
    if (body.complete || socket.destroyed) return clearInterval(timer);
    const elapsedMs = performance.now() - startedAt;
    if (elapsedMs < rate.gracePeriodMs) return;
    if ((socket.bytesRead - bytesBefore) * 1000 >= rate.bytesPerSecond * elapsedMs) return;
    clearInterval(timer);
    cutOff(reply, rate);
  }, CHECK_INTERVAL_MS);
  timer.unref();
  body.once('end', () => clearInterval(timer));
}

function cutOff(reply: FastifyReply, rate: MinDataRate): void {
  if (reply.raw.headersSent) {
    reply.request.raw.socket.destroy();
    return;
  }
  // With `connection: close`, Node ends the connection once the answer is out; the rest of the body is never
  // read.
  const detail = `The request body arrived slower than ${rate.bytesPerSecond} bytes per second.`;
  void reply.header('connection', 'close').send(new SidecarError('REQUEST_TIMEOUT', detail));
}
