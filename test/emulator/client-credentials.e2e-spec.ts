import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO, decodePayload, postToken } from './support/token-client';

const sidecarScope = `api://${DEMO.sidecar.clientId}/.default`;

describe('client_credentials grant and client secrets', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.requests.reset());

  const clientForm = (overrides: Record<string, string> = {}): Record<string, string> => ({
    grant_type: 'client_credentials',
    client_id: DEMO.client.clientId,
    client_secret: DEMO.client.secret,
    scope: sidecarScope,
    ...overrides,
  });

  it('should issue an app-only v2 token with the granted roles for a good secret', async () => {
    // Act
    const { status, body } = await postToken(emulator, clientForm());

    // Assert
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    expect(body.refresh_token).toBeUndefined();
    const claims = decodePayload(body.access_token);
    expect(claims).toMatchObject({
      aud: DEMO.sidecar.clientId,
      iss: emulator.issuer('demo', '2.0'),
      tid: DEMO.tenantId,
      azp: DEMO.client.clientId,
      azpacr: '1',
      oid: 'f17c659f-407f-4624-b47a-6425d61e3cc4',
      sub: 'f17c659f-407f-4624-b47a-6425d61e3cc4',
      roles: ['Sidecar.Call'],
      idtyp: 'app',
      ver: '2.0',
    });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    expect(emulator.requests.count({ grantType: 'client_credentials', clientId: DEMO.client.clientId })).toBe(
      1,
    );
    expect(emulator.requests.lastTokenRequest()?.form?.scope).toBe(sidecarScope);
  });

  it('should issue a v1 token (appid, aud = identifier URI) for an API that asks for v1 tokens', async () => {
    // Act
    const { body } = await postToken(
      emulator,
      clientForm({
        client_id: DEMO.sidecar.clientId,
        client_secret: DEMO.sidecar.secret,
        scope: 'https://graph.microsoft.com/.default',
      }),
    );

    // Assert
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: 'https://graph.microsoft.com',
      iss: emulator.issuer('demo', '1.0'),
      appid: DEMO.sidecar.clientId,
      appidacr: '1',
      roles: ['User.Read.All'],
      ver: '1.0',
    });
  });

  it('should leave roles out when the client holds none on the resource', async () => {
    // Act
    const { body } = await postToken(emulator, clientForm({ scope: `${DEMO.downstream.uri}/.default` }));

    // Assert
    expect(decodePayload(body.access_token).roles).toBeUndefined();
  });

  it('should refuse a wrong secret with 401 invalid_client AADSTS7000215 in the Entra error shape', async () => {
    // Act
    const { status, body } = await postToken(emulator, clientForm({ client_secret: 'wrong' }));

    // Assert
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
    expect(String(body.error_description)).toMatch(/^AADSTS7000215: /);
    expect(body.error_codes).toEqual([7000215]);
    expect(body.trace_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.timestamp).toBeTypeOf('string');
  });

  it('should echo client-request-id as the correlation id', async () => {
    // Act
    const response = await fetch(emulator.tokenEndpoint('demo'), {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'client-request-id': '11111111-2222-3333-4444-555555555555',
      },
      body: new URLSearchParams(clientForm({ client_secret: 'wrong' })).toString(),
    });

    // Assert
    expect(((await response.json()) as Record<string, unknown>).correlation_id).toBe(
      '11111111-2222-3333-4444-555555555555',
    );
  });

  it.each([
    ['no credential', { client_secret: '' }, 401, 'invalid_client', 7000218],
    [
      'an unknown client',
      { client_id: '00000000-1111-2222-3333-444444444444' },
      400,
      'unauthorized_client',
      700016,
    ],
    [
      'a scope without /.default',
      { scope: `api://${DEMO.sidecar.clientId}/access_as_user` },
      400,
      'invalid_scope',
      1002012,
    ],
    ['an unknown resource', { scope: 'api://unknown-api/.default' }, 400, 'invalid_resource', 500011],
    ['an unsupported grant type', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
    ['no grant type', { grant_type: '' }, 400, 'invalid_request', 900144],
  ])('should answer %s with the right AADSTS error', async (_case, overrides, status, error, code) => {
    // Act
    const answer = await postToken(emulator, clientForm(overrides));

    // Assert
    expect(answer.status).toBe(status);
    expect(answer.body.error).toBe(error);
    expect(answer.body.error_codes).toEqual([code]);
    expect(String(answer.body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `));
  });

  it('should answer an unknown tenant on the token endpoint with AADSTS90002', async () => {
    // Act
    const answer = await postToken(emulator, clientForm(), 'no-such-tenant');

    // Assert
    expect(answer.status).toBe(400);
    expect(answer.body.error_codes).toEqual([90002]);
  });

  it('should refuse an app from another tenant unless it is multi-tenant', async () => {
    // Act
    const singleTenant = await postToken(emulator, clientForm(), 'partner');
    const multiTenant = await postToken(
      emulator,
      clientForm({
        client_id: DEMO.sidecar.clientId,
        client_secret: DEMO.sidecar.secret,
        scope: `${DEMO.downstream.uri}/.default`,
      }),
      'partner',
    );

    // Assert
    expect(singleTenant.body.error_codes).toEqual([700016]);
    expect(decodePayload(multiTenant.body.access_token).tid).toBe(DEMO.partnerTenantId);
  });

  it('should issue an exchange token whose subject is the fmi_path', async () => {
    // Act
    const { body } = await postToken(
      emulator,
      clientForm({
        client_id: DEMO.sidecar.clientId,
        client_secret: DEMO.sidecar.secret,
        scope: DEMO.exchangeScope,
        fmi_path: DEMO.agent.id,
      }),
    );

    // Assert
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: 'api://AzureADTokenExchange',
      sub: DEMO.agent.id,
      azp: DEMO.sidecar.clientId,
      idtyp: 'app',
    });
    expect(emulator.requests.lastTokenRequest()?.form?.fmi_path).toBe(DEMO.agent.id);
  });

  it('should accept the v1 token endpoint with a resource instead of a scope', async () => {
    // Act
    const response = await fetch(`${emulator.url}/demo/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO.client.clientId,
        client_secret: DEMO.client.secret,
        resource: `api://${DEMO.sidecar.clientId}`,
      }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    // Assert
    expect(response.status).toBe(200);
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: DEMO.sidecar.clientId,
      roles: ['Sidecar.Call'],
    });
  });

  it('should issue a pop token carrying cnf for req_cnf + token_type=pop', async () => {
    // Arrange
    const reqCnf = Buffer.from(JSON.stringify({ kid: 'caller-key-1' })).toString('base64url');

    // Act
    const { status, body } = await postToken(emulator, clientForm({ token_type: 'pop', req_cnf: reqCnf }));

    // Assert
    expect(status).toBe(200);
    expect(body.token_type).toBe('pop');
    expect(decodePayload(body.access_token).cnf).toEqual({ kid: 'caller-key-1' });
  });

  it('should refuse a pop request with an unreadable req_cnf', async () => {
    // Act
    const { status, body } = await postToken(
      emulator,
      clientForm({ token_type: 'pop', req_cnf: '!!not-json' }),
    );

    // Assert
    expect(status).toBe(400);
    expect(body.error).toBe('invalid_request');
  });

  it('should resolve common to a multi-tenant client home tenant and refuse single-tenant clients', async () => {
    // Act
    const single = await postToken(emulator, clientForm(), 'common');
    const multi = await postToken(
      emulator,
      clientForm({
        client_id: DEMO.sidecar.clientId,
        client_secret: DEMO.sidecar.secret,
        scope: `${DEMO.downstream.uri}/.default`,
      }),
      'organizations',
    );

    // Assert
    expect(single.body.error_codes).toEqual([50194]);
    expect(decodePayload(multi.body.access_token).tid).toBe(DEMO.tenantId);
  });
});
