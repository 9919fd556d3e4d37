import { type IncomingHttpHeaders, type IncomingMessage, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** How `fetchWithin` bounds one outbound exchange. */
export interface FetchWithinOptions {
  /** Deadline over the whole exchange, body included, in milliseconds. */
  readonly timeoutMs: number;
  /**
   * Largest body accepted, counted while it streams; a longer one is cancelled and the call rejects.
   * @default no cap
   */
  readonly maxBytes?: number;
  /**
   * `error` refuses a redirect (the call rejects); `manual` hands the 3xx back as the answer. Never followed: the
   * URLs come from configuration or the authority, so a redirect could only send a request (and its
   * credentials) somewhere nobody chose.
   * @default 'error'
   */
  readonly redirect?: 'error' | 'manual';
}

/** What is sent: a method (GET by default), headers and a text body. */
export interface FetchWithinRequest {
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A whole answer: status, headers (names in lower case, repeated ones joined with ", ") and the body as text. */
export interface FetchedAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

/**
 * One HTTP(S) exchange over `node:http`/`node:https` (keep-alive agents), with a deadline over the whole
 * exchange, an optional cap on the body and no redirects followed. On the deadline the exchange is destroyed
 * with a `TimeoutError` (the error `AbortSignal.timeout` gives), and the timer is cleared as soon as the answer
 * is read: one timer per call that outlived its answer left thousands of live timers after a burst (cache
 * priming, a restart), all firing one timeout later.
 *
 * Not the global `fetch`: its HTTP parser is WebAssembly, and the first exchange of a process makes V8 compile
 * it with about 30 MB of compiler memory that glibc keeps, some 8 MB of an idle sidecar's resident set for the
 * few calls at start-up (the authority's metadata and signing keys; docs/performance.md, Memory).
 */
export function fetchWithin(
  url: string | URL,
  init: FetchWithinRequest,
  options: FetchWithinOptions,
): Promise<FetchedAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  const method = init.method ?? 'GET';
  const call = `${method} ${target.origin}${target.pathname}`;
  const send =
    target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (send === undefined)
    return Promise.reject(new TypeError(`${call}: only http and https URLs are fetched.`));
  return new Promise<FetchedAnswer>((resolve, reject) => {
    const headers: Record<string, string | number> = { ...init.headers };
    if (init.body !== undefined) headers['content-length'] = Buffer.byteLength(init.body);
    const request = send(target, { method, headers });
    // Once cut (the deadline, the cap), the call has failed with that reason, whatever the request and the
    // answer report afterwards, and in whatever order.
    let cutFor: Error | undefined;
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(cutFor ?? error);
    };
    const cut = (reason: Error) => {
      cutFor ??= reason;
      fail(reason);
      // Without an error: the call has failed already, and a socket the answer just gave back to the agent
      // would have no listener for one.
      request.destroy();
    };
    const timer = setTimeout(
      () => cut(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      options.timeoutMs,
    );
    // `on`, not `once`: a cut exchange can report more than one error, and a second must not go unhandled.
    request.on('error', fail);
    request.once('response', (response) => {
      response.on('error', fail);
      readBody(response, options.maxBytes, call, cut, (text) => {
        clearTimeout(timer);
        const status = response.statusCode ?? 0;
        if (isRedirect(status) && (options.redirect ?? 'error') === 'error') {
          reject(new Error(`${call} answered a redirect (${status}), which is not followed.`));
          return;
        }
        resolve({ status, headers: flatten(response.headers), text });
      });
    });
    request.end(init.body);
  });
}

function readBody(
  response: IncomingMessage,
  maxBytes: number | undefined,
  call: string,
  cut: (reason: Error) => void,
  done: (text: string) => void,
): void {
  const chunks: Buffer[] = [];
  let total = 0;
  let over = false;
  response.on('data', (chunk: Buffer) => {
    if (over) return;
    total += chunk.byteLength;
    if (maxBytes !== undefined && total > maxBytes) {
      over = true;
      cut(new Error(`${call} answered more than ${maxBytes} bytes.`));
      return;
    }
    chunks.push(chunk);
  });
  // A body cut over the cap may still end (its last bytes were already read): the cut decides, not the end.
  response.once('end', () => over || done(Buffer.concat(chunks).toString('utf8')));
}

const isRedirect = (status: number): boolean => status >= 300 && status < 400 && status !== 304;

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}
