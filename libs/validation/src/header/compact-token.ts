import { reject } from '../validation.errors';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A compact JWS split into its parts; `signingInput` is what the signature covers. */
export interface CompactJws {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly signingInput: string;
  readonly signature: Buffer;
}

const malformed = (detail: string) => reject('TOKEN_MALFORMED', detail);

/** JWE compact serialization has five parts (RFC 7516 §7.1), JWS three (RFC 7515 §7.1). */
export function isCompactJwe(token: string): boolean {
  let dots = 0;
  for (let index = token.indexOf('.'); index !== -1; index = token.indexOf('.', index + 1)) dots++;
  return dots === 4;
}

/** Decodes one base64url segment holding a JSON object; anything else is malformed. */
export function decodeJsonSegment(segment: string, what: string): Record<string, unknown> {
  if (!BASE64URL.test(segment)) throw malformed(`The token ${what} is not base64url.`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw malformed(`The token ${what} is not JSON.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformed(`The token ${what} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
}

/** Splits and decodes a compact JWS without trusting any of it yet. */
export function parseCompactJws(token: string): CompactJws {
  const parts = token.split('.');
  if (parts.length !== 3) throw malformed('The token is not a compact JWS (three parts).');
  const [headerPart, payloadPart, signaturePart] = parts;
  if (!BASE64URL.test(signaturePart)) throw malformed('The token signature is missing or not base64url.');
  return {
    header: decodeJsonSegment(headerPart, 'header'),
    payload: decodeJsonSegment(payloadPart, 'payload'),
    signingInput: token.slice(0, headerPart.length + payloadPart.length + 1),
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}
