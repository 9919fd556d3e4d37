// The demo downstream API (apps/demo-api) over real HTTP, with tokens from an in-process Entra emulator:
// every way a token can be wrong is refused with RFC 6750's challenge, and the answer names the caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator, type MintAccessTokenOptions } from '@app/entra-emulator';
import { startDemoApi, type DemoApi } from '../../apps/demo-api/src/demo-api';
import { freePort } from '../support/built-sidecar';

const DEMO_API = 'c50b640e-e5f1-4e72-b3bf-1745d6e4be00';
const SIDECAR = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';
const AGENT = '01a78345-9a80-477a-b6ed-f92d7cbe2dcd';
const DEMO_USER_OID = 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde';
const TENANT = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';

describe('demo API', () => {
  let emulator: EntraEmulator;
  let api: DemoApi;
  const logged: Record<string, unknown>[] = [];

  const userToken = (overrides: MintAccessTokenOptions = {}) =>
    emulator.mintAccessToken({
      user: 'demo-user',
      client: 'demo-sidecar',
      scopes: `api://${DEMO_API}/Weather.Read`,
      ...overrides,
    });
  const appToken = (overrides: MintAccessTokenOptions = {}) =>
    emulator.mintAccessToken({ client: 'demo-sidecar', audience: 'demo-downstream-api', ...overrides });
  const get = (path: string, token?: string, init: RequestInit = {}) =>
    fetch(`${api.url}${path}`, {
      ...init,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    });

  beforeAll(async () => {
    emulator = await startEmulator();
    api = await startDemoApi({ authority: emulator.authority(), log: (entry) => logged.push(entry) });
  });
  afterAll(async () => {
    await api?.close();
    await emulator?.close();
  });

  describe('accepted tokens', () => {
    it('should answer a delegated token with Weather.Read with the forecast and the calling user', async () => {
      // Arrange
      const token = await userToken();

      // Act
      const response = await get('/weather', token);

      // Assert
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        caller: { idtyp: 'user', oid: DEMO_USER_OID, azp: SIDECAR, scp: 'Weather.Read', name: 'Demo User' },
        grantedBy: 'scope Weather.Read (delegated)',
      });
      expect(body.forecast).toHaveLength(3);
    });

    it('should answer an app token with the role Weather.Read.All, naming the calling app', async () => {
      // Act
      const response = await get('/weatherforecast', await appToken());

      // Assert
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        caller: { idtyp: 'app', azp: SIDECAR, roles: ['Weather.Read.All'] },
        grantedBy: 'role Weather.Read.All (application)',
      });
    });

    it("should show an agent identity's blueprint (xms_par_app_azp)", async () => {
      // Arrange
      const token = await appToken({ client: AGENT, claims: { xms_par_app_azp: SIDECAR } });

      // Act
      const response = await get('/weather', token);

      // Assert
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ caller: { azp: AGENT, xms_par_app_azp: SIDECAR } });
    });

    it('should accept a v1 token (v1 issuer, identifier-URI audience, appid)', async () => {
      // Arrange
      const token = await userToken({ version: '1.0' });

      // Act
      const response = await get('/weather', token);

      // Assert
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ caller: { appid: SIDECAR, oid: DEMO_USER_OID } });
    });

    it('should log method, path, status and caller, never the token', async () => {
      // Arrange
      const token = await userToken();
      logged.length = 0;

      // Act
      await get('/weather?x=1', token);

      // Assert
      expect(logged).toEqual([
        {
          method: 'GET',
          path: '/weather',
          status: 200,
          oid: DEMO_USER_OID,
          ms: expect.any(Number) as number,
        },
      ]);
      expect(JSON.stringify(logged)).not.toContain(token.split('.')[2]);
    });
  });

  describe('refused tokens', () => {
    it('should challenge a request without a token with a bare Bearer challenge (RFC 6750 §3.1)', async () => {
      // Act
      const response = await get('/weather');

      // Assert
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="demo-api"');
    });

    it.each([
      [
        'an expired token',
        () => userToken({ issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: 3600 }),
        'The token is expired.',
      ],
      [
        'a token not valid yet',
        () => userToken({ notBefore: Math.floor(Date.now() / 1000) + 3600 }),
        'The token is not valid yet (nbf).',
      ],
      [
        'a token for another audience',
        () => emulator.mintAccessToken({ user: 'demo-user', scope: 'access_as_user' }),
        'The token is not meant for this API (aud).',
      ],
      [
        'a token from another issuer',
        () => userToken({ claims: { iss: 'https://login.example/tenant/v2.0' } }),
        'The token was issued by an untrusted issuer (iss).',
      ],
      [
        'a token signed with an unpublished key',
        () => userToken({ signWith: 'unpublished' }),
        'The token is signed with an unknown key.',
      ],
      [
        'a token without exp',
        () => userToken({ claims: { exp: null } }),
        "The token's exp claim is invalid.",
      ],
      [
        'an unsigned token (alg none)',
        () => userToken({ header: { alg: 'none' } }),
        'The token is not signed with RS256.',
      ],
    ])('should refuse %s with invalid_token', async (_name, mint, description) => {
      // Arrange
      const token = await mint();

      // Act
      const response = await get('/weather', token);

      // Assert
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe(
        `Bearer realm="demo-api", error="invalid_token", error_description="${description}"`,
      );
      expect(await response.json()).toEqual({ error: 'invalid_token', message: description });
    });

    it('should refuse a token whose signature was tampered with', async () => {
      // Arrange
      const [header, payload, signature] = (await userToken()).split('.');
      const flipped = `${signature.slice(0, -4)}${signature.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;

      // Act
      const response = await get('/weather', `${header}.${payload}.${flipped}`);

      // Assert
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain(
        'error_description="The token signature is invalid."',
      );
    });

    it('should refuse a malformed Authorization header', async () => {
      // Act
      const response = await fetch(`${api.url}/weather`, {
        headers: { authorization: 'Basic ZGVtbzpkZW1v' },
      });

      // Assert
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    });

    it('should answer 403 insufficient_scope for a delegated token without Weather.Read', async () => {
      // Arrange: a user's roles never stand in for the missing delegated scope.
      const token = await userToken({
        audience: 'demo-downstream-api',
        scopes: [],
        claims: { scp: 'Other.Scope', roles: ['Weather.Read.All'] },
      });

      // Act
      const response = await get('/weather', token);

      // Assert
      expect(response.status).toBe(403);
      expect(response.headers.get('www-authenticate')).toBe(
        'Bearer realm="demo-api", error="insufficient_scope", error_description="The token lacks the delegated permission Weather.Read."',
      );
    });

    it('should answer 403 insufficient_scope for an app token without Weather.Read.All', async () => {
      // Act
      const response = await get('/weather', await appToken({ roles: [] }));

      // Assert
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual({
        error: 'insufficient_scope',
        message: 'The token lacks the application permission Weather.Read.All.',
      });
    });
  });

  describe('routes', () => {
    it('should answer GET /healthz without a token', async () => {
      // Act
      const response = await get('/healthz');

      // Assert
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Healthy');
    });

    it('should answer 404 for an unknown path and 405 for another method', async () => {
      // Act
      const missing = await get('/nothing-here', await userToken());
      const posted = await get('/weather', await userToken(), { method: 'POST' });

      // Assert
      expect(missing.status).toBe(404);
      expect(posted.status).toBe(405);
      expect(posted.headers.get('allow')).toBe('GET');
    });
  });

  it('should answer 503 (not 401) while the authority cannot be reached, and recover once it can', async () => {
    // Arrange: an authority on a port where nothing listens yet (compose may start the API first).
    const port = await freePort();
    const offline = await startDemoApi({ authority: `https://localhost:${port}/${TENANT}` });
    let late: EntraEmulator | undefined;
    try {
      // Act
      const before = await fetch(`${offline.url}/weather`, {
        headers: { authorization: 'Bearer e30.e30.c2ln' },
      });
      late = await startEmulator({ port });
      const token = await late.mintAccessToken({
        user: 'demo-user',
        scopes: `api://${DEMO_API}/Weather.Read`,
      });
      const after = await fetch(`${offline.url}/weather`, { headers: { authorization: `Bearer ${token}` } });

      // Assert
      expect(before.status).toBe(503);
      expect(before.headers.get('retry-after')).toBe('5');
      expect(after.status).toBe(200);
    } finally {
      await offline.close();
      await late?.close();
    }
  });
});
