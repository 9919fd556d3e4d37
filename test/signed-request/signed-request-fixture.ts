import type { EntraEmulator } from '@app/entra-emulator';
import { calculateJwkThumbprint, CompactSign, type JWK } from 'jose';
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO, postToken } from '../emulator/support/token-client';
import { callValidate } from '../validation/validation-fixture';

/** A caller's proof-of-possession key pair, with its public JWK and RFC 7638 thumbprint. */
export interface PopKey {
  readonly privateKey: KeyObject;
  readonly jwk: Record<string, unknown>;
  readonly thumbprint: string;
  readonly alg: string;
}

/** A fresh key pair, RSA (RS256) by default or EC P-256 (ES256). */
export async function popKey(kind: 'rsa' | 'ec' = 'rsa'): Promise<PopKey> {
  const { privateKey, publicKey } =
    kind === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk: JWK = publicKey.export({ format: 'jwk' });
  return {
    privateKey,
    jwk,
    thumbprint: await calculateJwkThumbprint(jwk),
    alg: kind === 'rsa' ? 'RS256' : 'ES256',
  };
}

/**
 * A real pop token from the emulator's token endpoint: the demo client's client credentials for the sidecar
 * (app-only), with `token_type=pop` and `req_cnf` = base64url JSON of `confirmation` ({ jwk } or { kid }).
 */
export async function popToken(
  emulator: EntraEmulator,
  confirmation: Record<string, unknown>,
): Promise<string> {
  const { status, body } = await postToken(emulator, {
    grant_type: 'client_credentials',
    client_id: DEMO.client.clientId,
    client_secret: DEMO.client.secret,
    scope: `api://${DEMO.sidecar.clientId}/.default`,
    token_type: 'pop',
    req_cnf: Buffer.from(JSON.stringify(confirmation)).toString('base64url'),
  });
  expect(status).toBe(200);
  expect(body.token_type).toBe('pop');
  return String(body.access_token);
}

/** The request the SHR is signed over, as the caller received it. */
export interface OriginalRequest {
  readonly method: string;
  readonly uri: string;
}

export const ORIGINAL: OriginalRequest = { method: 'POST', uri: 'https://api.contoso.com/orders/42' };

/** SHR claims for `at` over `original`: ts now, m, u (host), p, a fresh nonce; `extra` overrides any of them. */
export function shrClaims(
  at: string,
  original: OriginalRequest = ORIGINAL,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const uri = new URL(original.uri);
  return {
    at,
    ts: Math.floor(Date.now() / 1000),
    m: original.method,
    u: uri.host,
    p: uri.pathname,
    nonce: randomUUID(),
    ...extra,
  };
}

/** A compact SHR: `claims` signed by `key` with header typ `pop` (plus `header`). */
export async function signShr(
  claims: Record<string, unknown>,
  key: PopKey,
  header: Record<string, unknown> = {},
): Promise<string> {
  return new CompactSign(Buffer.from(JSON.stringify(claims)))
    .setProtectedHeader({ alg: key.alg, typ: 'pop', ...header })
    .sign(key.privateKey);
}

/** The headers of a PoP call to the sidecar for `original`. */
export const popHeaders = (shr: string, original: OriginalRequest = ORIGINAL): Record<string, string> => ({
  authorization: `PoP ${shr}`,
  'original-method': original.method,
  'original-uri': original.uri,
});

/** The PoP challenge of every refused signed request (spec G.7). */
export const POP_CHALLENGE = 'PoP error="invalid_token"';

/** Calls `/Validate` and expects the PoP 401: problem+json, the challenge, a detail matching `detail`. */
export async function expectPopRefusal(
  url: string,
  headers: Record<string, string>,
  detail: RegExp,
): Promise<void> {
  const response = await callValidate(url, headers);
  expect(response.status).toBe(401);
  expect(response.challenge).toBe(POP_CHALLENGE);
  expect(response.contentType).toContain('application/problem+json');
  const body = response.body as { status: number; title: string; detail: string };
  expect({ status: body.status, title: body.title }).toEqual({ status: 401, title: 'Unauthorized' });
  expect(body.detail).toMatch(detail);
}
