import { type Agent, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { DownstreamTransportError } from '../downstream.errors';
import type { Deadline } from './deadline';
import type { OutboundLimits, OutboundRequest, OutboundResponse } from './downstream-http-client';

// A pooled socket the server closed while idle fails the next request at once (ECONNRESET/EPIPE before
// any response byte): the server hung up on an idle connection rather than on this request, so it is
// sent again on another connection (the pattern Node documents for `request.reusedSocket`). Bounded,
// since each retry drops one pooled socket.
const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);
const MAX_STALE_RETRIES = 3;

/**
 * One HTTP exchange over `agent`: sends the request, reads the whole response body up to the cap, and
 * enforces the connect timeout. `deadline` cancels it (the caller's whole-call timeout). Never follows
 * redirects: Node's client does not, which is why it is used (spec H.4).
 */
export async function exchange(
  request: OutboundRequest,
  agent: Agent,
  limits: OutboundLimits,
  deadline: Deadline,
): Promise<OutboundResponse> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(request, agent, limits, deadline);
    if (outcome.response) return outcome.response;
    if (!outcome.stale || attempt >= MAX_STALE_RETRIES) throw toTransportError(outcome.error, request.url);
  }
}

type Outcome = { response: OutboundResponse } | { response?: undefined; error: unknown; stale: boolean };

function attemptOnce(
  request: OutboundRequest,
  agent: Agent,
  limits: OutboundLimits,
  deadline: Deadline,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const expired = deadline.expired;
    if (expired !== undefined) return resolve({ error: expired, stale: false });
    const send = request.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['Content-Length'] = String(request.body.length);
    const req = send(request.url, { method: request.method, headers, agent });

    let responded = false;
    let connectTimer: NodeJS.Timeout | undefined;
    const settle = (outcome: Outcome): void => {
      clearTimeout(connectTimer);
      deadline.disarm();
      resolve(outcome);
    };
    deadline.arm((reason) => req.destroy(reason));

    req.on('socket', (socket) => {
      if (req.reusedSocket || !socket.connecting) return;
      connectTimer = setTimeout(() => {
        const message = `no connection within Sidecar:Downstream:ConnectTimeout (${limits.connectTimeoutMs} ms)`;
        req.destroy(new DownstreamTransportError('timeout', message));
      }, limits.connectTimeoutMs);
      // For TLS the handshake counts as connecting too.
      socket.once(request.url.protocol === 'https:' ? 'secureConnect' : 'connect', () =>
        clearTimeout(connectTimer),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (deadline.expired !== undefined) return settle({ error: deadline.expired, stale: false });
      const stale = req.reusedSocket && !responded && STALE_SOCKET_CODES.has(error.code ?? '');
      settle({ error, stale });
    });
    req.on('response', (res) => {
      responded = true;
      readBody(res, limits.maxResponseBodyBytes).then(
        (body) => settle({ response: { statusCode: res.statusCode ?? 0, rawHeaders: res.rawHeaders, body } }),
        (error: unknown) => {
          req.destroy();
          settle({ error: deadline.expired ?? error, stale: false });
        },
      );
    });
    req.end(request.body);
  });
}

function readBody(res: IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): DownstreamTransportError =>
      new DownstreamTransportError(
        'too-large',
        `response body larger than Sidecar:Downstream:MaxResponseBodySize (${max} bytes)`,
      );
    // A declared length over the cap fails before a byte is buffered.
    if (Number(res.headers['content-length']) > max) return reject(tooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return reject(tooLarge());
      chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', reject);
    res.on('close', () => {
      if (!res.complete) reject(new Error('connection closed before the response body ended'));
    });
  });
}

function toTransportError(error: unknown, url: URL): DownstreamTransportError {
  if (error instanceof DownstreamTransportError) return error;
  const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message;
  return new DownstreamTransportError('unreachable', `${url.origin} failed: ${reason ?? 'unknown error'}`, {
    cause: error,
  });
}
