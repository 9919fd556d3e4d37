import { withDeadline } from '@app/http';

/** Limits of one metadata or JWKS download. */
export interface FetchLimits {
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/**
 * GETs a JSON object from the authority. Redirects are refused (the URLs come from configuration and the
 * authority's own discovery document, so a redirect could only send us somewhere we did not choose), the body
 * is capped while it streams, and the whole exchange has a deadline.
 */
export function fetchJsonObject(url: string, limits: FetchLimits): Promise<Record<string, unknown>> {
  return withDeadline(limits.timeoutMs, async (signal) => {
    const response = await fetch(url, { redirect: 'error', headers: { accept: 'application/json' }, signal });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new Error(`GET ${url} answered ${response.status}.`);
    }
    const text = await readCapped(response, limits.maxBytes, url);
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`GET ${url} did not answer a JSON object.`);
    }
    return value as Record<string, unknown>;
  });
}

async function readCapped(response: Response, maxBytes: number, url: string): Promise<string> {
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
      throw new Error(`GET ${url} answered more than ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
