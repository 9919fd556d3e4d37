import { withDeadline } from '@app/http';

/** A whole answer: status, headers and the body as text. */
export interface FetchedAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** `fetch` with a deadline over the whole exchange, body included, whose timer is cleared with the answer. */
export function fetchWithin(url: string | URL, init: RequestInit, timeoutMs: number): Promise<FetchedAnswer> {
  return withDeadline(timeoutMs, async (signal) => {
    const response = await fetch(url, { ...init, signal });
    return { status: response.status, headers: response.headers, text: await response.text() };
  });
}
