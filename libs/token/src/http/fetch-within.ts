/** A whole answer: status, headers and the body as text. */
export interface FetchedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/**
 * `fetch` with a deadline over the whole exchange, body included, whose timer is cleared with the answer.
 * Not `AbortSignal.timeout`: its timer stays pending until it fires, one per call, so a burst of token
 * requests (cache priming, a restart, a client repeating a refused tenant) left thousands of live timers that
 * all fired, each creating its abort error, one timeout later. The abort reason is the one it would give.
 */
export async function fetchWithin(
  url: string | URL,
  init: RequestInit,
  timeoutMs: number,
): Promise<FetchedAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    timeoutMs,
  );
  try {
    const response = await fetch(url, { ...init, signal: controller.signal });
    return { status: response.status, headers: response.headers, text: await response.text() };
  } finally {
    clearTimeout(timer);
  }
}
