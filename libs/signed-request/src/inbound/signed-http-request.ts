import { refuse } from './signed-request.errors';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A compact SHR split and decoded, nothing of it trusted yet: the signature is checked later, with its key. */
export interface SignedHttpRequest {
  /** The compact serialization as received, for the signature check and the replay key. */
  readonly compact: string;
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

const malformed = () =>
  refuse('SIGNED_REQUEST_MALFORMED', 'The PoP credential is not a signed HTTP request (a compact JWS).');

function jsonObject(segment: string): Record<string, unknown> {
  if (!BASE64URL.test(segment)) throw malformed();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw malformed();
  return value as Record<string, unknown>;
}

/** Splits a compact JWS (RFC 7515 §7.1) and decodes its header and payload as JSON objects. */
export function parseSignedHttpRequest(compact: string): SignedHttpRequest {
  const parts = compact.split('.');
  if (parts.length !== 3 || !BASE64URL.test(parts[2])) throw malformed();
  return { compact, header: jsonObject(parts[0]), payload: jsonObject(parts[1]) };
}
