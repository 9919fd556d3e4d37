import { CompactEncrypt, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import {
  attackerKeyPair,
  decodeParts,
  hs256WithPublicKey,
  signRs256,
  withHeader,
  withTamperedPayload,
} from './token-forgery';
import {
  bearer,
  callValidate,
  DEMO_TENANT,
  type EntraEmulator,
  startEmulator,
  startValidatingSidecar,
} from './validation-fixture';

// The catalogue of ways an inbound token can be wrong (spec G): each must be a 401, never 200 nor 5xx.
describe('GET /Validate with a forged signature, key or header', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let validToken: string;
  let publishedJwk: Record<string, unknown>;
  const user = { user: 'demo-user', scopes: ['access_as_user'] };

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    validToken = await emulator.mintAccessToken(user);
    const jwks = (await (await fetch(`${emulator.url}/${DEMO_TENANT}/discovery/v2.0/keys`)).json()) as {
      keys: Record<string, unknown>[];
    };
    publishedJwk = jwks.keys[0];
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  async function expectInvalidToken(headers: Record<string, string>, path = '/Validate'): Promise<string> {
    const response = await callValidate(sidecar.url, headers, path);
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('Bearer error="invalid_token"');
    expect(response.contentType).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status: 401, title: 'Unauthorized' });
    return response.challenge ?? '';
  }

  const mint = (options: Parameters<EntraEmulator['mintAccessToken']>[0]) =>
    emulator.mintAccessToken({ ...user, ...options });

  // --- signature and keys ---
  it('should reject a token signed by an unpublished key under the current kid with 401', async () => {
    const token = await mint({
      signWith: 'unpublished',
      header: { kid: emulator.signingKeys.currentKid, x5t: undefined },
    });
    const challenge = await expectInvalidToken(bearer(token));
    expect(challenge).toContain('The signature is invalid');
  });

  it('should reject a token whose payload was changed after signing with 401', async () => {
    await expectInvalidToken(
      bearer(withTamperedPayload(validToken, { oid: '00000000-0000-0000-0000-000000000000' })),
    );
  });

  it('should reject a token whose kid is not in the JWKS with 401', async () => {
    const challenge = await expectInvalidToken(bearer(await mint({ signWith: 'unpublished' })));
    expect(challenge).toContain('The signature key was not found');
  });

  it('should reject alg none with 401', async () => {
    await expectInvalidToken(bearer(await mint({ header: { alg: 'none' } })));
  });

  it('should reject alg none with a non-empty signature part with 401', async () => {
    const [, payload, signature] = validToken.split('.');
    const header = Buffer.from(
      JSON.stringify({ alg: 'none', kid: emulator.signingKeys.currentKid }),
    ).toString('base64url');
    await expectInvalidToken(bearer(`${header}.${payload}.${signature}`));
  });

  it('should reject HS256 signed with the public key as the secret with 401', async () => {
    const { header, payload } = decodeParts(validToken);
    await expectInvalidToken(bearer(hs256WithPublicKey(header, payload, publishedJwk)));
  });

  it('should reject an RS256 signature labelled RS384 with 401', async () => {
    await expectInvalidToken(
      bearer(withHeader(validToken, { ...decodeParts(validToken).header, alg: 'RS384' })),
    );
  });

  it('should reject an alg the key does not declare (PS256) with 401', async () => {
    await expectInvalidToken(bearer(await mint({ header: { alg: 'PS256' } })));
  });

  it('should reject a jku pointing at an attacker JWKS with 401', async () => {
    const attacker = attackerKeyPair();
    const { payload } = decodeParts(validToken);
    const token = signRs256(
      { alg: 'RS256', typ: 'JWT', kid: 'attacker', jku: 'https://127.0.0.1:1/keys' },
      payload,
      attacker.privateKey,
    );
    await expectInvalidToken(bearer(token));
  });

  it('should reject an x5u pointing elsewhere with 401', async () => {
    const attacker = attackerKeyPair();
    const { payload } = decodeParts(validToken);
    const token = signRs256(
      { alg: 'RS256', typ: 'JWT', kid: 'attacker', x5u: 'https://127.0.0.1:1/cert.pem' },
      payload,
      attacker.privateKey,
    );
    await expectInvalidToken(bearer(token));
  });

  it('should reject an embedded jwk that signed the token, under the published kid, with 401', async () => {
    const attacker = attackerKeyPair();
    const { payload } = decodeParts(validToken);
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    const token = signRs256(
      { alg: 'RS256', typ: 'JWT', kid: emulator.signingKeys.currentKid, jwk },
      payload,
      attacker.privateKey,
    );
    await expectInvalidToken(bearer(token));
  });

  it('should reject an embedded jwk without kid with 401', async () => {
    const attacker = attackerKeyPair();
    const { payload } = decodeParts(validToken);
    const jwk = attacker.publicKey.export({ format: 'jwk' });
    await expectInvalidToken(
      bearer(signRs256({ alg: 'RS256', typ: 'JWT', jwk }, payload, attacker.privateKey)),
    );
  });

  it('should reject a validly signed token carrying crit with 401', async () => {
    // jose signs `crit: ["b64"]` (an extension it knows), so the signature is the authority's own.
    await expectInvalidToken(bearer(await mint({ header: { crit: ['b64'], b64: true } })));
  });

  // --- encrypted tokens ---
  it('should reject a JWE when no decryption key is configured with 401', async () => {
    const { publicKey } = await generateKeyPair('RSA-OAEP-256');
    const jwe = await new CompactEncrypt(new TextEncoder().encode(validToken))
      .setProtectedHeader({
        alg: 'RSA-OAEP-256',
        enc: 'A256GCM',
        cty: 'JWT',
        kid: (await exportJWK(publicKey)).kid,
      })
      .encrypt(publicKey);
    await expectInvalidToken(bearer(jwe));
  });

  it('should reject five base64 junk parts (a fake JWE) with 401', async () => {
    await expectInvalidToken(bearer('aGVsbG8.d29ybGQ.Zm9v.YmFy.YmF6'));
  });

  // --- the reason behind each 401, as the metrics count it ---
  it('should count each rejection under its own reason (crit, alg, kid, signature, decryption)', async () => {
    const text = await (await fetch(`${sidecar.url}/metrics`)).text();
    for (const outcome of [
      'crit_not_supported',
      'algorithm_not_allowed',
      'signing_key_not_found',
      'signature_invalid',
      'decryption_failed',
    ]) {
      expect(text, outcome).toMatch(
        new RegExp(`^sidecar_token_validations_total\\{outcome="${outcome}"\\} [1-9]`, 'm'),
      );
    }
  });

  it('should never write a token into the logs', () => {
    expect(sidecar.logs.text()).not.toContain(validToken.split('.')[2]);
  });
});
