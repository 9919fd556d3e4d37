import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { rawGet } from './token-forgery';
import {
  bearer,
  callValidate,
  DEMO_TENANT,
  type EntraEmulator,
  PARTNER_TENANT,
  SIDECAR_CLIENT_ID,
  startEmulator,
  startValidatingSidecar,
} from './validation-fixture';

// The catalogue of ways an inbound token can be wrong (spec G): each must be a 401, never 200 nor 5xx.
describe('GET /Validate with a malformed, expired or misaddressed credential', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let validToken: string;
  const now = () => Math.floor(Date.now() / 1000);
  const user = { user: 'demo-user', scopes: ['access_as_user'] };

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    validToken = await emulator.mintAccessToken(user);
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

  async function expectNoCredentials(headers: Record<string, string>, path = '/Validate'): Promise<void> {
    const response = await callValidate(sidecar.url, headers, path);
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer');
    expect(response.contentType).toContain('application/problem+json');
  }

  const mint = (options: Parameters<EntraEmulator['mintAccessToken']>[0]) =>
    emulator.mintAccessToken({ ...user, ...options });

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
    await expectNoCredentials({ authorization: `PoP ${validToken}` }, '/AuthorizationHeader/Api');
  });

  it('should reject a bare access token sent with the PoP scheme to /Validate with the PoP challenge', async () => {
    // /Validate reads the PoP scheme as a signed HTTP request (spec G.7): a bare token is not one.
    const response = await callValidate(sidecar.url, { authorization: `PoP ${validToken}` });
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('PoP error="invalid_token"');
  });

  it('should reject a token only in the query string with 401', async () => {
    await expectNoCredentials({}, `/Validate?access_token=${validToken}`);
  });

  // --- malformed credentials, rejected before any crypto ---
  it('should reject the reference test token "invalid-token" with 401', async () => {
    await expectInvalidToken(bearer('invalid-token'));
  });

  it('should reject "dummy-token" with 401', async () => {
    await expectInvalidToken(bearer('dummy-token'));
  });

  it('should reject base64 junk in three parts with 401', async () => {
    await expectInvalidToken(bearer('aGVsbG8.d29ybGQ.Zm9v'));
  });

  it('should reject a header that is a JSON array with 401', async () => {
    const [, payload, signature] = validToken.split('.');
    await expectInvalidToken(bearer(`${Buffer.from('[1]').toString('base64url')}.${payload}.${signature}`));
  });

  it('should reject a token without its signature part with 401', async () => {
    await expectInvalidToken(bearer(validToken.split('.').slice(0, 2).join('.')));
  });

  it('should reject a token with an empty signature with 401', async () => {
    await expectInvalidToken(bearer(`${validToken.split('.').slice(0, 2).join('.')}.`));
  });

  it('should reject a truncated token with 401', async () => {
    await expectInvalidToken(bearer(validToken.slice(0, -12)));
  });

  it('should reject a token with characters outside base64url with 401', async () => {
    await expectInvalidToken(bearer(`${validToken.slice(0, 20)}!${validToken.slice(21)}`));
  });

  it('should reject a credential with spaces inside with 401', async () => {
    await expectInvalidToken(bearer(`${validToken} ${validToken}`));
  });

  it('should reject a 20 KB junk token with 401', async () => {
    await expectInvalidToken(bearer(`${'A'.repeat(10_000)}.${'B'.repeat(10_000)}.C`));
  });

  it('should reject a 20 KB token made of a valid one plus padding claims with 401', async () => {
    await expectInvalidToken(bearer(await mint({ claims: { padding: 'x'.repeat(20_000) } })));
  });

  it('should answer 431 to an Authorization header beyond the 32 KB header limit', async () => {
    const response = await rawGet(sidecar.url, '/Validate', [
      ['Authorization', `Bearer ${'A'.repeat(40_000)}`],
    ]);
    expect(response.status).toBe(431);
  });

  it('should reject two Authorization headers with 401', async () => {
    const response = await rawGet(sidecar.url, '/Validate', [
      ['Authorization', `Bearer ${validToken}`],
      ['Authorization', `Bearer ${validToken}`],
    ]);
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('invalid_token');
  });

  it('should reject two credentials folded into one Authorization header with 401', async () => {
    await expectInvalidToken({ authorization: `Bearer ${validToken}, Bearer ${validToken}` });
  });

  // --- lifetime (spec G.1) ---
  it('should reject an expired token with 401 and the reference description', async () => {
    const challenge = await expectInvalidToken(
      bearer(await mint({ issuedAt: now() - 7200, expiresIn: 3600 })),
    );
    expect(challenge).toMatch(/error_description="The token expired at '\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d'"/);
  });

  it('should reject a token expired just beyond the 5-minute clock skew with 401', async () => {
    await expectInvalidToken(bearer(await mint({ issuedAt: now() - 1000, expiresIn: 1000 - 310 })));
  });

  it('should reject a token whose nbf is in the future with 401', async () => {
    const challenge = await expectInvalidToken(bearer(await mint({ notBefore: now() + 3600 })));
    expect(challenge).toContain('The token is not valid before');
  });

  it('should reject a token without exp with 401', async () => {
    await expectInvalidToken(bearer(await mint({ claims: { exp: null } })));
  });

  it('should reject a token whose exp is a string with 401', async () => {
    await expectInvalidToken(bearer(await mint({ claims: { exp: String(now() + 3600) } })));
  });

  // --- audience (spec G.2) ---
  it('should reject a token for another audience with 401 and the reference description', async () => {
    const challenge = await expectInvalidToken(bearer(await mint({ audience: 'api://someone-else' })));
    expect(challenge).toContain("The audience 'api://someone-else' is invalid");
  });

  it('should reject a token for the downstream API with 401', async () => {
    await expectInvalidToken(
      bearer(await emulator.mintAccessToken({ audience: 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00' })),
    );
  });

  it('should reject a v1 token whose aud is the bare client id with 401', async () => {
    await expectInvalidToken(
      bearer(await mint({ version: '1.0', audience: SIDECAR_CLIENT_ID, claims: { aud: SIDECAR_CLIENT_ID } })),
    );
  });

  it('should reject a token without ver with 401', async () => {
    await expectInvalidToken(bearer(await mint({ claims: { ver: null } })));
  });

  // --- issuer (spec G.3) ---
  it('should reject a token from a foreign issuer with 401 and the reference description', async () => {
    const challenge = await expectInvalidToken(
      bearer(await mint({ claims: { iss: `https://evil.example.com/${DEMO_TENANT}/v2.0` } })),
    );
    expect(challenge).toContain(`The issuer 'https://evil.example.com/${DEMO_TENANT}/v2.0' is invalid`);
  });

  it('should reject a token of another tenant under a single-tenant configuration with 401', async () => {
    await expectInvalidToken(bearer(await emulator.mintAccessToken({ tenant: PARTNER_TENANT })));
  });

  it('should reject a token whose tid was changed to claim the configured tenant with 401', async () => {
    const partner = await emulator.mintAccessToken({ tenant: PARTNER_TENANT, claims: { tid: DEMO_TENANT } });
    await expectInvalidToken(bearer(partner));
  });

  it.each([
    ['another tenant', PARTNER_TENANT],
    ['a path', '../x'],
    ['a domain', 'contoso.onmicrosoft.com'],
  ])('should reject a token of the configured issuer whose tid names %s with 401', async (_what, tid) => {
    // The issuer is the configured tenant's own: only the tid disagrees. OBO would send the token to its tid.
    await expectInvalidToken(bearer(await mint({ claims: { tid } })));
  });

  it('should reject a token with an issuer containing a CR LF without breaking the challenge with 401', async () => {
    const challenge = await expectInvalidToken(
      bearer(await mint({ claims: { iss: 'https://a/\r\nSet-Cookie: x=1' } })),
    );
    expect(challenge).not.toMatch(/[\r\n]/);
  });

  // --- never a 5xx ---
  it('should never answer 200 or 5xx for any broken credential', async () => {
    const junk = [
      '.',
      '..',
      '...',
      'a.b.c',
      'e30.e30.',
      'e30.e30.e30',
      'bnVsbA.bnVsbA.bnVsbA',
      '%00.%00.%00',
      '\u00e9.\u00e9.\u00e9',
    ];
    for (const token of junk) {
      const response = await callValidate(sidecar.url, {
        authorization: `Bearer ${encodeURIComponent(token)}`,
      });
      expect(response.status, token).toBe(401);
    }
  });
});
