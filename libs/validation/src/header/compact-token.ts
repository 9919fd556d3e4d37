import { isUtf8 } from 'node:buffer';
import { reject } from '../validation.errors';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Unpadded base64url (RFC 7515 §2): one character left over after the last full group of four carries 6 of a
// byte's 8 bits, so no encoder writes it; node's decoder would drop it and two strings would verify as one.
const isBase64url = (segment: string): boolean => segment.length % 4 !== 1 && BASE64URL.test(segment);

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

/**
 * Decodes one base64url segment holding a JSON object (RFC 7515 §7.1: the UTF-8 of a JSON object); anything
 * else is malformed. Invalid UTF-8 is refused rather than read as U+FFFD, so no two byte strings decode to one
 * header or payload; a byte-order mark is not JSON (RFC 8259 §8.1 lets a parser refuse it, and we do).
 */
export function decodeJsonSegment(segment: string, what: string): Record<string, unknown> {
  if (!isBase64url(segment)) throw malformed(`The token ${what} is not base64url.`);
  const bytes = Buffer.from(segment, 'base64url');
  if (!isUtf8(bytes)) throw malformed(`The token ${what} is not UTF-8.`);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
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
  if (!isBase64url(signaturePart)) throw malformed('The token signature is missing or not base64url.');
  return {
    header: decodeJsonSegment(headerPart, 'header'),
    payload: decodeJsonSegment(payloadPart, 'payload'),
    signingInput: token.slice(0, headerPart.length + payloadPart.length + 1),
    signature: Buffer.from(signaturePart, 'base64url'),
  };
}
