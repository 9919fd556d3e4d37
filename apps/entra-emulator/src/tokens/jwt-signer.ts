import { KeyObject, sign } from 'node:crypto';
import { CompactSign } from 'jose';
import type { SigningKey } from './signing-keys';

export type JwtHeaderOverrides = Record<string, unknown>;

function base64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * Signs a payload as a compact JWS with an Entra-shaped header (`typ`, `alg`, `kid`, `x5t`).
 * Header overrides are applied verbatim, so tests can produce tokens that lie about `alg` or `kid`;
 * such tokens still carry a real RS256 signature (or none for `alg: none`).
 */
export async function signJwt(
  payload: Record<string, unknown>,
  key: SigningKey,
  headerOverrides: JwtHeaderOverrides = {},
): Promise<string> {
  const header = withoutUndefined({
    typ: 'JWT',
    alg: 'RS256',
    kid: key.kid,
    x5t: key.kid,
    ...headerOverrides,
  });
  const body = Buffer.from(JSON.stringify(withoutUndefined(payload)));
  if (header.alg === 'RS256') {
    return new CompactSign(body).setProtectedHeader({ ...header, alg: 'RS256' }).sign(key.privateKey);
  }
  const signingInput = `${base64urlJson(header)}.${body.toString('base64url')}`;
  if (header.alg === 'none') return `${signingInput}.`;
  return signRs256(signingInput, key);
}

/**
 * Completes any `<header>.<payload>` text into a compact JWS with an RS256 signature over its bytes, as they
 * are: tests need tokens `JSON.stringify` cannot produce (duplicate members, invalid UTF-8, padded base64url).
 */
export function signRs256(signingInput: string, key: SigningKey): string {
  const signature = sign('sha256', Buffer.from(signingInput), KeyObject.from(key.privateKey));
  return `${signingInput}.${signature.toString('base64url')}`;
}
