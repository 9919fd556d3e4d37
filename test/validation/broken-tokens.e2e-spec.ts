import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { AUDIENCE_TOKENS, ISSUER_TOKENS, LIFETIME_TOKENS, MALFORMED_TOKENS } from './broken-token-catalogue';
import { expectCatalogued, type TokenKit, tokenKit } from './token-catalogue';
import { rawGet } from './token-forgery';
import {
  callValidate,
  DEMO_TENANT,
  type EntraEmulator,
  startEmulator,
  startValidatingSidecar,
} from './validation-fixture';

// The catalogue of ways an inbound token can be wrong (spec G): each must be a 401, never 200 nor 5xx.
// The tokens themselves live in broken-token-catalogue.ts, shared with the differential test against jose.
describe('GET /Validate with a malformed, expired or misaddressed credential', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let kit: TokenKit;

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    kit = await tokenKit(emulator, DEMO_TENANT);
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  async function expectNoCredentials(headers: Record<string, string>, path = '/Validate'): Promise<void> {
    const response = await callValidate(sidecar.url, headers, path);
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer');
    expect(response.contentType).toContain('application/problem+json');
  }

  // --- no credentials: plain `Bearer` challenge (spec C.1) ---
  it('should reject a request without Authorization with 401 and a plain Bearer challenge', async () => {
    await expectNoCredentials({});
  });

  it('should reject an empty Bearer credential with 401', async () => {
    await expectNoCredentials({ authorization: 'Bearer ' });
  });

  it('should reject the bare word Bearer with 401', async () => {
    await expectNoCredentials({ authorization: 'Bearer' });
  });

  it('should reject another scheme (Basic) with 401', async () => {
    await expectNoCredentials({ authorization: `Basic ${Buffer.from('user:pass').toString('base64')}` });
  });

  it('should reject a valid token sent with the PoP scheme on a Bearer-only route with 401', async () => {
    await expectNoCredentials({ authorization: `PoP ${kit.validToken}` }, '/AuthorizationHeader/Api');
  });

  it('should reject a bare access token sent with the PoP scheme to /Validate with the PoP challenge', async () => {
    // /Validate reads the PoP scheme as a signed HTTP request (spec G.7): a bare token is not one.
    const response = await callValidate(sidecar.url, { authorization: `PoP ${kit.validToken}` });
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('PoP error="invalid_token"');
  });

  it('should reject a token only in the query string with 401', async () => {
    await expectNoCredentials({}, `/Validate?access_token=${kit.validToken}`);
  });

  // --- the header itself ---
  it('should answer 431 to an Authorization header beyond the 32 KB header limit', async () => {
    const response = await rawGet(sidecar.url, '/Validate', [
      ['Authorization', `Bearer ${'A'.repeat(40_000)}`],
    ]);
    expect(response.status).toBe(431);
  });

  it('should reject two Authorization headers with 401', async () => {
    const response = await rawGet(sidecar.url, '/Validate', [
      ['Authorization', `Bearer ${kit.validToken}`],
      ['Authorization', `Bearer ${kit.validToken}`],
    ]);
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('invalid_token');
  });

  it('should accept the valid token of the kit (so every rejection below is the token, not the setup)', async () => {
    const response = await callValidate(sidecar.url, { authorization: `Bearer ${kit.validToken}` });
    expect(response.status).toBe(200);
  });

  // --- malformed, lifetime (G.1), audience (G.2), issuer and tenant (G.3) ---
  describe.each([
    ['malformed', MALFORMED_TOKENS],
    ['lifetime', LIFETIME_TOKENS],
    ['audience', AUDIENCE_TOKENS],
    ['issuer', ISSUER_TOKENS],
  ])('%s', (_group, catalogue) => {
    it.each(catalogue.map((entry) => [entry.name, entry] as const))(
      'should reject %s with 401',
      async (_name, entry) => {
        await expectCatalogued(sidecar.url, entry, await entry.build(kit));
      },
    );
  });
});
