import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EmulatorConfigError,
  ensureDevelopmentCa,
  startEmulator,
  type EmulatorConfig,
  type EntraEmulator,
} from '@app/entra-emulator';
import { DEMO, decodeHeader, decodePayload, postToken } from './support/token-client';

describe('mintAccessToken', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator({ tokenLifetimeSeconds: 1800 });
  });
  afterAll(() => emulator.close());

  it('should mint a v2 user token for the demo sidecar that verifies against the JWKS', async () => {
    // Act
    const token = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['access_as_user'] });
    const { payload } = await jwtVerify(
      token,
      createRemoteJWKSet(new URL(`${emulator.url}/demo/discovery/v2.0/keys`)),
      {
        issuer: emulator.issuer('demo'),
        audience: DEMO.sidecar.clientId,
      },
    );

    // Assert
    expect(payload).toMatchObject({ scp: 'access_as_user', ver: '2.0', idtyp: 'user', oid: DEMO.user.oid });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(1800);
    expect(decodeHeader(token)).toMatchObject({
      alg: 'RS256',
      typ: 'JWT',
      kid: emulator.signingKeys.currentKid,
    });
  });

  it('should sign a raw signing input as given, with the current published key', async () => {
    // Arrange: a header JSON.stringify would never write (a duplicated member), and padded base64url
    const header = Buffer.from(`{"alg":"none","alg":"RS256","kid":"${emulator.signingKeys.currentKid}"}`);
    const signingInput = `${header.toString('base64url')}.${Buffer.from('{}').toString('base64')}`;

    // Act
    const token = emulator.signRaw(signingInput);

    // Assert: the input is kept byte for byte, and the signature verifies with the published key
    expect(token.startsWith(`${signingInput}.`)).toBe(true);
    const jwks = createRemoteJWKSet(new URL(`${emulator.url}/demo/discovery/v2.0/keys`));
    await expect(jwtVerify(token, jwks)).resolves.toMatchObject({ payload: {} });
  });

  it('should mint a v1 token with the v1 issuer and identifier-URI audience', async () => {
    // Act
    const claims = decodePayload(
      await emulator.mintAccessToken({
        user: 'demo-user',
        scopes: `api://${DEMO.sidecar.clientId}/access_as_user`,
        version: '1.0',
      }),
    );

    // Assert
    expect(claims).toMatchObject({
      aud: `api://${DEMO.sidecar.clientId}`,
      iss: emulator.issuer('demo', '1.0'),
      appid: DEMO.client.clientId,
      upn: DEMO.user.upn,
      scp: 'access_as_user',
      ver: '1.0',
    });
  });

  it('should apply claim overrides (null removes), header overrides and times', async () => {
    // Arrange
    const issuedAt = 1_700_000_000;

    // Act
    const token = await emulator.mintAccessToken({
      user: 'partner-user',
      claims: { scp: 'custom', ver: null, extra: 42 },
      header: { kid: 'not-a-published-kid', jku: 'https://evil.example/keys' },
      issuedAt,
      notBefore: issuedAt + 5,
      expiresIn: 60,
    });

    // Assert
    const claims = decodePayload(token);
    expect(claims).toMatchObject({
      scp: 'custom',
      extra: 42,
      tid: DEMO.partnerTenantId,
      iat: issuedAt,
      nbf: issuedAt + 5,
      exp: issuedAt + 60,
    });
    expect(claims.ver).toBeUndefined();
    expect(decodeHeader(token)).toMatchObject({
      kid: 'not-a-published-kid',
      jku: 'https://evil.example/keys',
    });
  });

  it('should produce a token that lies about alg, and an unsigned one for alg none', async () => {
    // Act
    const hs256 = await emulator.mintAccessToken({ header: { alg: 'HS256' } });
    const none = await emulator.mintAccessToken({ header: { alg: 'none' } });

    // Assert
    expect(decodeHeader(hs256).alg).toBe('HS256');
    expect(hs256.split('.')[2].length).toBeGreaterThan(0);
    expect(none.endsWith('.')).toBe(true);
  });

  it('should mint an app token with the client roles by default', async () => {
    // Act
    const claims = decodePayload(await emulator.mintAccessToken({ client: 'demo-client' }));

    // Assert
    expect(claims).toMatchObject({
      idtyp: 'app',
      roles: ['Sidecar.Call'],
      azp: DEMO.client.clientId,
      aud: DEMO.sidecar.clientId,
    });
  });
});

describe('configuration and TLS', () => {
  it('should start with a configuration object of its own', async () => {
    // Arrange
    const config: EmulatorConfig = {
      tenants: [{ name: 'solo', id: 'aaaaaaaa-0000-4000-8000-000000000001' }],
      applications: [
        {
          name: 'caller',
          clientId: 'aaaaaaaa-0000-4000-8000-000000000002',
          tenant: 'solo',
          clientSecrets: ['s3cret'],
        },
        {
          name: 'api',
          clientId: 'aaaaaaaa-0000-4000-8000-000000000003',
          tenant: 'solo',
          identifierUris: ['api://solo-api'],
        },
      ],
    };
    const emulator = await startEmulator({ config });

    try {
      // Act
      const answer = await postToken(
        emulator,
        {
          grant_type: 'client_credentials',
          client_id: 'aaaaaaaa-0000-4000-8000-000000000002',
          client_secret: 's3cret',
          scope: 'api://solo-api/.default',
        },
        'solo',
      );

      // Assert
      expect(answer.status).toBe(200);
      expect(emulator.authority()).toBe(`${emulator.url}/aaaaaaaa-0000-4000-8000-000000000001`);
    } finally {
      await emulator.close();
    }
  });

  it('should list every problem of an invalid configuration', async () => {
    // Act
    const attempt = startEmulator({
      config: {
        tenants: [{ name: 'x', id: 'not-a-guid' }],
        applications: [{ name: '', clientId: 'x' }],
      } as unknown as EmulatorConfig,
    });

    // Assert
    await expect(attempt).rejects.toBeInstanceOf(EmulatorConfigError);
    await expect(attempt).rejects.toThrow(/tenants\.0\.id: must be a GUID[\s\S]*applications\.0\.clientId/);
  });

  it('should refuse to register an application whose certificate is not a PEM certificate', async () => {
    // Arrange
    const emulator = await startEmulator();

    try {
      // Act
      const register = (): unknown =>
        emulator.registerApplication({
          name: 'broken',
          clientId: 'aaaaaaaa-0000-4000-8000-000000000009',
          tenant: 'demo',
          certificates: [{ pem: 'not a certificate' }],
        });

      // Assert
      expect(register).toThrow(EmulatorConfigError);
    } finally {
      await emulator.close();
    }
  });

  it('should create the CA once when several callers race, and reuse it afterwards', async () => {
    // Arrange
    const dir = await mkdtemp(join(tmpdir(), 'emulator-ca-'));

    try {
      // Act
      const results = await Promise.all([
        ensureDevelopmentCa(dir),
        ensureDevelopmentCa(dir),
        ensureDevelopmentCa(dir),
      ]);
      const again = await ensureDevelopmentCa(dir);

      // Assert
      const pems = new Set([...results, again].map((result) => result.caCertPem));
      expect(pems.size).toBe(1);
      expect(await readFile(again.caCertPath, 'utf8')).toBe(again.caCertPem);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
