import type { Dispatcher } from 'undici';
import type { Deadline } from './deadline';
import { DownstreamTransportError } from '../downstream.errors';
import type { OutboundLimits, OutboundRequest, OutboundResponse } from './downstream-http-client';
import { headerValue } from './raw-headers';

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
  return new Promise((settle) => {
    const expired = deadline.expired;
    if (expired !== undefined) return settle({ error: expired, stale: false });
    const { url } = request;
    const options = {
      origin: url.origin,
      path: url.search === '' ? url.pathname : `${url.pathname}${url.search}`,
      method: request.method,
      headers: request.headers,
      body: request.body,
    };
    dispatcher.dispatch(options, new BufferedAttempt(limits.maxResponseBodyBytes, deadline, settle));
  });
}

/**
 * undici's handler for one attempt: reads the answer whole up to `max` bytes and settles once. A class rather
 * than an object of closures, so an attempt allocates one object instead of a function per callback (the relay
 * allocates per call what young-generation collections then copy; docs/performance.md, "The relay").
 */
class BufferedAttempt implements Dispatcher.DispatchHandler {
  private statusCode = 0;
  private rawHeaders: string[] = [];
  private failure: Error | undefined;
  private abortRequest: ((reason: Error) => void) | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly max: number,
    private readonly deadline: Deadline,
    private readonly settle: (outcome: Outcome) => void,
  ) {}

  onConnect(abort: (reason: Error) => void): void {
    this.abortRequest = abort;
    this.deadline.arm(this);
  }

  onHeaders(statusCode: number, headers: Buffer[]): boolean {
    this.statusCode = statusCode;
    const rawHeaders = headers.map(latin1);
    this.rawHeaders = rawHeaders;
    // A declared length over the cap fails before a byte is buffered.
    if (Number(headerValue(rawHeaders, 'content-length')) > this.max) this.cancel(this.tooLarge());
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.max) {
      this.cancel(this.tooLarge());
      return false;
    }
    this.chunks.push(chunk);
    return true;
  }

  onComplete(): void {
    this.done({
      response: {
        statusCode: this.statusCode,
        rawHeaders: this.rawHeaders,
        body: Buffer.concat(this.chunks, this.size),
      },
    });
  }

  onError(error: Error): void {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    // No status yet (HTTP has no status 0): the connection failed before this request got any answer.
    const stale = this.statusCode === 0 && this.failure === undefined && STALE_CONNECTION_CODES.has(code);
    this.done({ error: this.deadline.expired ?? this.failure ?? error, stale });
  }

  /** Ends the attempt with `reason` (the deadline, or a body over the cap); undici then calls `onError`. */
  cancel(reason: Error): void {
    this.failure = reason;
    this.abortRequest?.(reason);
  }

  private done(outcome: Outcome): void {
    this.deadline.disarm();
    this.settle(outcome);
  }

  private tooLarge(): DownstreamTransportError {
    return new DownstreamTransportError(
      'too-large',
      `response body larger than Sidecar:Downstream:MaxResponseBodySize (${this.max} bytes)`,
    );
  }
}

const latin1 = (part: Buffer): string => part.toString('latin1');

function toTransportError(error: unknown, url: URL): DownstreamTransportError {
  if (error instanceof DownstreamTransportError) return error;
  const reason = (error as NodeJS.ErrnoException | undefined)?.code ?? (error as Error | undefined)?.message;
  return new DownstreamTransportError('unreachable', `${url.origin} failed: ${reason ?? 'unknown error'}`, {
    cause: error,
  });
}
