import type { Dispatcher } from 'undici';
import type { Deadline } from './deadline';
import { DownstreamTransportError } from '../downstream.errors';
import type { OutboundLimits, OutboundRequest, OutboundResponse } from './downstream-http-client';

// A pooled connection the server closed while idle fails the next request before any response byte
// (undici reports the socket closed or reset). The server hung up on an idle connection rather than on
// this request, so it is sent again on another connection. Bounded, since each retry drops a connection.
const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);
const MAX_STALE_RETRIES = 3;

/**
 * One HTTP exchange through undici's `dispatcher` (a keep-alive pool per origin): sends the request byte
 * for byte, reads the whole response body up to the cap, keeps the raw header names and never follows
 * redirects (the dispatcher does not; spec H.4). `deadline` cancels it (the caller's whole-call timeout).
 */
export async function exchange(
  request: OutboundRequest,
  dispatcher: Dispatcher,
  limits: OutboundLimits,
  deadline: Deadline,
): Promise<OutboundResponse> {
  for (let attempt = 0; ; attempt++) {
    const outcome = await attemptOnce(request, dispatcher, limits, deadline);
    if (outcome.response) return outcome.response;
    if (!outcome.stale || attempt >= MAX_STALE_RETRIES) throw toTransportError(outcome.error, request.url);
  }
}

type Outcome = { response: OutboundResponse } | { response?: undefined; error: unknown; stale: boolean };

function attemptOnce(
  request: OutboundRequest,
  dispatcher: Dispatcher,
  limits: OutboundLimits,
  deadline: Deadline,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const expired = deadline.expired;
    if (expired !== undefined) return resolve({ error: expired, stale: false });
    const max = limits.maxResponseBodyBytes;
    const tooLarge = (): DownstreamTransportError =>
      new DownstreamTransportError(
        'too-large',
        `response body larger than Sidecar:Downstream:MaxResponseBodySize (${max} bytes)`,
      );
    let statusCode = 0;
    let rawHeaders: string[] = [];
    let responded = false;
    let failure: unknown;
    let abort: ((reason: Error) => void) | undefined;
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: Outcome): void => {
      deadline.disarm();
      resolve(outcome);
    };
    const fail = (error: Error): void => {
      failure = error;
      abort?.(error);
    };

    dispatcher.dispatch(
      {
        origin: request.url.origin,
        path: `${request.url.pathname}${request.url.search}`,
        method: request.method,
        headers: request.headers,
        body: request.body,
      },
      {
        onConnect(abortRequest) {
          abort = abortRequest;
          deadline.arm(fail);
        },
        onHeaders(status, headers) {
          statusCode = status;
          responded = true;
          rawHeaders = headers.map((part) => part.toString('latin1'));
          // A declared length over the cap fails before a byte is buffered.
          if (Number(headerValue(rawHeaders, 'content-length')) > max) fail(tooLarge());
          return true;
        },
        onData(chunk) {
          size += chunk.length;
          if (size > max) {
            fail(tooLarge());
            return false;
          }
          chunks.push(chunk);
          return true;
        },
        onComplete() {
          settle({ response: { statusCode, rawHeaders, body: Buffer.concat(chunks, size) } });
        },
        onError(error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          const stale = !responded && failure === undefined && STALE_CONNECTION_CODES.has(code);
          settle({ error: deadline.expired ?? failure ?? error, stale });
        },
      },
    );
  });
}

function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i].toLowerCase() === name) return rawHeaders[i + 1];
  }
  return undefined;
}

function toTransportError(error: unknown, url: URL): DownstreamTransportError {
  if (error instanceof DownstreamTransportError) return error;
  const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message;
  return new DownstreamTransportError('unreachable', `${url.origin} failed: ${reason ?? 'unknown error'}`, {
    cause: error,
  });
}
