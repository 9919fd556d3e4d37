import type { EntraEmulator, MintAccessTokenOptions } from '@app/entra-emulator';
import { expect } from 'vitest';
import { bearer, callValidate } from './validation-fixture';

/** What the catalogued tokens are built from: the running emulator and one valid token of its. */
export interface TokenKit {
  readonly emulator: EntraEmulator;
  /** A valid delegated token for the sidecar (demo user, `access_as_user`). */
  readonly validToken: string;
  /** The published signing key, as the JWKS lists it. */
  readonly publishedJwk: Record<string, unknown>;
  /** Mints a delegated token for the demo user with these options on top. */
  mint(options: MintAccessTokenOptions): Promise<string>;
}

/** One way an inbound token can be wrong (spec G): the sidecar must answer it 401, never 200 nor 5xx. */
export interface CataloguedToken {
  /** Reads after "should reject …". */
  readonly name: string;
  /** The `error_description` the reference writes for it, when it writes one (spec C.1). */
  readonly description?: string | RegExp;
  /** The credential sent after `Bearer `. */
  build(kit: TokenKit): Promise<string> | string;
}

/** Starts the kit on a running emulator. */
export async function tokenKit(emulator: EntraEmulator, tenant: string): Promise<TokenKit> {
  const user = { user: 'demo-user', scopes: ['access_as_user'] };
  const jwks = (await (await fetch(`${emulator.url}/${tenant}/discovery/v2.0/keys`)).json()) as {
    keys: Record<string, unknown>[];
  };
  return {
    emulator,
    validToken: await emulator.mintAccessToken(user),
    publishedJwk: jwks.keys[0],
    mint: (options) => emulator.mintAccessToken({ ...user, ...options }),
  };
}

/** The `error_description` of a challenge, if it has one. */
export const descriptionOf = (challenge: string): string | undefined =>
  /error_description="(.*)"$/.exec(challenge)?.[1];

/** Asserts the 401 problem+json answer with an `invalid_token` challenge; returns the challenge. */
export async function expectInvalidToken(
  url: string,
  headers: Record<string, string>,
  path = '/Validate',
): Promise<string> {
  const response = await callValidate(url, headers, path);
  expect(response.status).toBe(401);
  expect(response.challenge).toContain('Bearer error="invalid_token"');
  expect(response.challenge).not.toMatch(/[\r\n]/);
  expect(response.contentType).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  return response.challenge ?? '';
}

/** Sends a catalogued token to `/Validate`: a 401 with its reference description, if it has one. */
export async function expectCatalogued(url: string, entry: CataloguedToken, token: string): Promise<void> {
  const challenge = await expectInvalidToken(url, bearer(token));
  if (typeof entry.description === 'string') expect(descriptionOf(challenge)).toBe(entry.description);
  if (entry.description instanceof RegExp) expect(descriptionOf(challenge)).toMatch(entry.description);
}
