import type { ServerResponse } from 'node:http';
import { REALM } from './demo-api.constants';

/** Sends a JSON body; API answers are per caller, so nothing may be cached. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

const quoted = (value: string): string => `"${value.replace(/["\\]/g, '\\$&')}"`;

/**
 * RFC 6750 §3: no credentials → a bare challenge; a bad token → `invalid_token` (401);
 * a good token without the permission → `insufficient_scope` (403).
 */
export function challenge(error?: 'invalid_token' | 'insufficient_scope', description?: string): string {
  const parts = [`realm=${quoted(REALM)}`];
  if (error) parts.push(`error=${quoted(error)}`);
  if (description) parts.push(`error_description=${quoted(description)}`);
  return `Bearer ${parts.join(', ')}`;
}
