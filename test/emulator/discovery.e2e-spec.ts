import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO } from './support/token-client';

async function getJson(url: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('discovery and signing keys', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.requests.reset());

  it('should advertise the v2 document with the tenant GUID on the canonical host', async () => {
    // Act
    const { status, body } = await getJson(`${emulator.url}/demo/v2.0/.well-known/openid-configuration`);

    // Assert
    expect(status).toBe(200);
    expect(body.issuer).toBe(`${emulator.url}/${DEMO.tenantId}/v2.0`);
    expect(body.token_endpoint).toBe(`${emulator.url}/${DEMO.tenantId}/oauth2/v2.0/token`);
    expect(body.jwks_uri).toBe(`${emulator.url}/${DEMO.tenantId}/discovery/v2.0/keys`);
    expect(body.authorization_endpoint).toBeTypeOf('string');
    expect(body.end_session_endpoint).toBeTypeOf('string');
    expect(emulator.issuer('demo', '2.0')).toBe(body.issuer);
    expect(emulator.requests.count({ kind: 'discovery', tenant: 'demo' })).toBe(1);
  });

  it('should advertise the v1 document with a v1-shaped issuer', async () => {
    // Act
    const { body } = await getJson(`${emulator.url}/${DEMO.tenantId}/.well-known/openid-configuration`);

    // Assert
    expect(body.issuer).toBe(`${emulator.url}/${DEMO.tenantId}/`);
    expect(body.issuer).toBe(emulator.issuer(DEMO.tenantId, '1.0'));
    expect(body.jwks_uri).toBe(`${emulator.url}/${DEMO.tenantId}/discovery/keys`);
    expect(body.token_endpoint).toBe(`${emulator.url}/${DEMO.tenantId}/oauth2/token`);
  });

  it.each(['common', 'organizations'])(
    'should advertise the {tenantid} issuer template for %s',
    async (segment) => {
      // Act
      const v2 = await getJson(`${emulator.url}/${segment}/v2.0/.well-known/openid-configuration`);
      const v1 = await getJson(`${emulator.url}/${segment}/.well-known/openid-configuration`);

      // Assert
      expect(v2.body.issuer).toBe(`${emulator.url}/{tenantid}/v2.0`);
      expect(v2.body.token_endpoint).toBe(`${emulator.url}/${segment}/oauth2/v2.0/token`);
      expect(v1.body.issuer).toBe(`${emulator.url}/{tenantid}/`);
    },
  );

  it('should answer an unknown tenant with AADSTS90002', async () => {
    // Act
    const { status, body } = await getJson(
      `${emulator.url}/nope.example/v2.0/.well-known/openid-configuration`,
    );

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
    expect(body.error_codes).toEqual([90002]);
    expect(String(body.error_description)).toMatch(/^AADSTS90002: /);
  });

  it('should serve the same keys on the v1 and v2 JWKS paths', async () => {
    // Act
    const v2 = await getJson(`${emulator.url}/demo/discovery/v2.0/keys`);
    const v1 = await getJson(`${emulator.url}/demo/discovery/keys`);

    // Assert
    const kids = (set: Record<string, unknown>): unknown[] =>
      (set.keys as { kid: string }[]).map((key) => key.kid);
    expect(kids(v2.body)).toEqual([emulator.signingKeys.currentKid]);
    expect(kids(v1.body)).toEqual(kids(v2.body));
    expect((v2.body.keys as Record<string, unknown>[])[0]).toMatchObject({
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
    });
    expect(emulator.requests.count({ kind: 'jwks' })).toBe(2);
  });

  it('should keep the previous key published after a rotation, and drop it on request', async () => {
    // Arrange
    const before = await emulator.mintAccessToken({ user: 'demo-user', scopes: 'access_as_user' });
    const oldKid = emulator.signingKeys.currentKid;

    // Act
    const rotated = await emulator.rotateSigningKey();
    const after = await emulator.mintAccessToken({ user: 'demo-user', scopes: 'access_as_user' });
    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/demo/discovery/v2.0/keys`));

    // Assert
    expect(rotated.currentKid).not.toBe(oldKid);
    expect(rotated.publishedKids).toEqual([rotated.currentKid, oldKid]);
    await expect(jwtVerify(before, jwks)).resolves.toBeDefined();
    await expect(jwtVerify(after, jwks)).resolves.toBeDefined();

    // Act: retire everything but a fresh key
    const retired = await emulator.rotateSigningKey({ retainPrevious: false });
    const fresh = createRemoteJWKSet(new URL(`${emulator.url}/demo/discovery/v2.0/keys`));

    // Assert
    expect(retired.publishedKids).toEqual([retired.currentKid]);
    await expect(jwtVerify(before, fresh)).rejects.toThrow();
  });

  it('should answer instance discovery with its own host as the only alias', async () => {
    // Act
    const { body } = await getJson(`${emulator.url}/common/discovery/instance`);

    // Assert
    expect(body.metadata).toEqual([
      { preferred_network: emulator.host, preferred_cache: emulator.host, aliases: [emulator.host] },
    ]);
  });
});
