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
   * `error` refuses a redirect (the call rejects, as fetch does); `manual` hands the 3xx back as the answer.
   * Never followed: the URLs come from configuration or the authority, so a redirect could only send a request
   * (and its credentials) somewhere nobody chose.
   * @default 'error'
   */
  readonly redirect?: 'error' | 'manual';
}

/** A whole answer: status, headers and the body as text. */
export interface FetchedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * `fetch` with a deadline over the whole exchange, an optional cap on the body and no redirects followed. On
 * the deadline the exchange aborts with the reason `AbortSignal.timeout` gives (a `TimeoutError`), and the timer
 * is cleared as soon as the answer is read. Not `AbortSignal.timeout` itself: its timer stays pending until it
 * fires, one per call, so a burst of calls (cache priming, a restart) left thousands of live timers that all
 * fired, each creating its abort error, one timeout later.
 */
export async function fetchWithin(
  url: string | URL,
  init: Omit<RequestInit, 'signal' | 'redirect'>,
  options: FetchWithinOptions,
): Promise<FetchedAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    options.timeoutMs,
  );
  try {
    const redirect = options.redirect ?? 'error';
    const response = await fetch(url, { ...init, redirect, signal: controller.signal });
    const text =
      options.maxBytes === undefined
        ? await response.text()
        : await readCapped(response, options.maxBytes, `${init.method ?? 'GET'} ${String(url)}`);
    return { status: response.status, headers: response.headers, text };
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, call: string): Promise<string> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`${call} answered more than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
