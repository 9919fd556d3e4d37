import { fetchWithin } from '@app/http';

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
export async function fetchJsonObject(url: string, limits: FetchLimits): Promise<Record<string, unknown>> {
  const { status, text } = await fetchWithin(
    url,
    { headers: { accept: 'application/json' } },
    { ...limits, redirect: 'error' },
  );
  if (status !== 200) throw new Error(`GET ${url} answered ${status}.`);
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`GET ${url} did not answer a JSON object.`);
  }
  return value as Record<string, unknown>;
}
