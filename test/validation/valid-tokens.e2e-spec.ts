import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { decodeParts } from './token-forgery';
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

describe('GET /Validate with a valid token', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  async function expectAccepted(token: string, headers = bearer(token)): Promise<Record<string, unknown>> {
    const response = await callValidate(sidecar.url, headers);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ protocol: 'Bearer', token, claims: decodeParts(token).payload });
    return (response.body as { claims: Record<string, unknown> }).claims;
  }

  it('should accept a v2 user token and return its raw claims', async () => {
    // Arrange
    const token = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['access_as_user'] });

    // Act
    const claims = await expectAccepted(token);

    // Assert
    expect(claims).toMatchObject({
      ver: '2.0',
      aud: SIDECAR_CLIENT_ID,
      tid: DEMO_TENANT,
      scp: 'access_as_user',
    });
    expect(typeof claims.exp).toBe('number');
  });

  it('should accept a v1 token whose audience is api://{ClientId}', async () => {
    const token = await emulator.mintAccessToken({
      user: 'demo-user',
      version: '1.0',
      audience: `api://${SIDECAR_CLIENT_ID}`,
    });
    const claims = await expectAccepted(token);
    expect(claims).toMatchObject({
      ver: '1.0',
      aud: `api://${SIDECAR_CLIENT_ID}`,
      iss: emulator.issuer(DEMO_TENANT, '1.0'),
    });
  });

  it('should accept an app-only token (roles, no scp)', async () => {
    const token = await emulator.mintAccessToken({ roles: ['Sidecar.Call'] });
    const claims = await expectAccepted(token);
    expect(claims.roles).toEqual(['Sidecar.Call']);
    expect(claims.scp).toBeUndefined();
  });

  it('should accept a token with neither scp nor roles (ACL mode, spec G.4)', async () => {
    const token = await emulator.mintAccessToken({ roles: [], claims: { roles: null } });
    const claims = await expectAccepted(token);
    expect(claims.roles).toBeUndefined();
  });

  it('should accept a token expired less than the 5-minute clock skew ago', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectAccepted(
      await emulator.mintAccessToken({ user: 'demo-user', issuedAt: now - 600, expiresIn: 540 }),
    );
  });

  it('should accept the scheme in any casing and ignore query parameters', async () => {
    const token = await emulator.mintAccessToken({ user: 'demo-user' });
    const response = await callValidate(
      sidecar.url,
      { authorization: `bEaReR ${token}` },
      '/Validate?AgentIdentity=x&foo=bar',
    );
    expect(response.status).toBe(200);
    expect((response.body as { token: string }).token).toBe(token);
  });

  it('should keep custom claims with their JSON types', async () => {
    const token = await emulator.mintAccessToken({
      user: 'demo-user',
      claims: { xms_n: 1.5, xms_list: ['a', 'b'], xms_obj: { a: 1 } },
    });
    const claims = await expectAccepted(token);
    expect(claims).toMatchObject({ xms_n: 1.5, xms_list: ['a', 'b'], xms_obj: { a: 1 } });
  });

  it('should answer a token from the verified-token cache once it has been validated twice', async () => {
    // Arrange: the first validation is only remembered, the second stores the token
    const token = await emulator.mintAccessToken({ user: 'demo-user' });
    await expectAccepted(token);
    await expectAccepted(token);
    const hitsBefore = await cacheHits();

    // Act
    await expectAccepted(token);
    await expectAccepted(token);

    // Assert
    expect((await cacheHits()) - hitsBefore).toBe(2);
  });

  it('should add no-cache headers to the 200', async () => {
    const token = await emulator.mintAccessToken({ user: 'demo-user' });
    const response = await fetch(`${sidecar.url}/Validate`, { headers: bearer(token) });
    await response.arrayBuffer();
    expect(response.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
  });

  async function cacheHits(): Promise<number> {
    const text = await (await fetch(`${sidecar.url}/metrics`)).text();
    return Number(/^sidecar_validation_cache_hits_total (\d+)/m.exec(text)?.[1] ?? 'NaN');
  }
});

describe('GET /Validate under a multi-tenant (organizations) configuration', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator, { AzureAd__TenantId: 'organizations' });
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  it.each([
    ['the demo tenant', DEMO_TENANT],
    ['the partner tenant', PARTNER_TENANT],
  ])('should accept a token of %s', async (_name, tenant) => {
    const token = await emulator.mintAccessToken({ tenant });
    const response = await callValidate(sidecar.url, bearer(token));
    expect(response.status).toBe(200);
    expect((response.body as { claims: { tid: string } }).claims.tid).toBe(tenant);
  });

  it('should accept a v1 token of the partner tenant', async () => {
    const token = await emulator.mintAccessToken({
      tenant: PARTNER_TENANT,
      version: '1.0',
      audience: `api://${SIDECAR_CLIENT_ID}`,
    });
    expect((await callValidate(sidecar.url, bearer(token))).status).toBe(200);
  });

  it('should reject a token whose iss names one tenant and tid another with 401', async () => {
    const token = await emulator.mintAccessToken({
      tenant: PARTNER_TENANT,
      claims: { iss: emulator.issuer(DEMO_TENANT, '2.0') },
    });
    const response = await callValidate(sidecar.url, bearer(token));
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('invalid_token');
  });

  it('should reject a token whose tid is not a tenant id with 401', async () => {
    const token = await emulator.mintAccessToken({
      claims: { tid: '{tenantid}', iss: emulator.issuer('{tenantid}', '2.0') },
    });
    const response = await callValidate(sidecar.url, bearer(token));
    expect(response.status).toBe(401);
  });
});

describe('GET /Validate with AzureAd:Scopes and explicit audiences', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  const IDW10203 = (scopes: string) =>
    `IDW10203: The 'scope' or 'scp' claim does not contain scopes '${scopes}' or was not found. `;

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator, {
      AzureAd__Scopes: 'access_as_user other_scope',
      AzureAd__Audience: 'api://custom-audience',
      AzureAd__Audiences__0: SIDECAR_CLIENT_ID,
    });
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  it('should accept a token with one of the scopes', async () => {
    const token = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['User.Read', 'other_scope'] });
    expect((await callValidate(sidecar.url, bearer(token))).status).toBe(200);
  });

  it('should answer 403 with the reference plain text when no scope matches', async () => {
    const token = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['User.Read'] });
    const response = await callValidate(sidecar.url, bearer(token));
    expect(response.status).toBe(403);
    expect(response.contentType).toContain('text/plain');
    expect(response.text).toBe(IDW10203('access_as_user other_scope'));
  });

  it('should answer 403 to an app-only token when scopes are required', async () => {
    const token = await emulator.mintAccessToken({});
    const response = await callValidate(sidecar.url, bearer(token));
    expect(response.status).toBe(403);
    expect(response.text).toBe(IDW10203('access_as_user other_scope'));
  });

  it('should accept the configured AzureAd:Audience', async () => {
    const token = await emulator.mintAccessToken({
      user: 'demo-user',
      scopes: ['access_as_user'],
      audience: 'api://custom-audience',
    });
    expect((await callValidate(sidecar.url, bearer(token))).status).toBe(200);
  });

  it('should reject the v1 default audience when audiences are configured with 401', async () => {
    const token = await emulator.mintAccessToken({
      user: 'demo-user',
      version: '1.0',
      audience: `api://${SIDECAR_CLIENT_ID}`,
    });
    expect((await callValidate(sidecar.url, bearer(token))).status).toBe(401);
  });
});
