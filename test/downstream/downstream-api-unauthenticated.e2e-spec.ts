import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { type DownstreamServer, json, startDownstream } from '@app/testing';
import {
  appProfile,
  call,
  DEMO,
  decodePayload,
  type EntraEmulator,
  startDownstreamSidecar,
  startEmulator,
  userProfile,
  userToken,
} from './support/fixture';

// Reference DownstreamApiUnauthenticatedEndpointTests, against the emulator and a real downstream server.
describe('POST /DownstreamApiUnauthenticated/{apiName}', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let accepted: DownstreamServer;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream();
    accepted = await startDownstream(json(202, { ok: true }));
    sidecar = await startDownstreamSidecar(emulator, {
      ...appProfile('App', `${downstream.url}/api/`, { RelativePath: '/items' }),
      ...appProfile('Accepted', accepted.url),
      ...appProfile('Failing', downstream.url, { Scopes__0: `api://${DEMO.downstreamClientId}/.default` }),
      ...userProfile('User', downstream.url),
      DownstreamApis__NoScopes__BaseUrl: downstream.url,
    });
  });
  afterAll(async () => {
    await sidecar?.close();
    await Promise.all([downstream?.close(), accepted?.close(), emulator?.close()]);
  });
  beforeEach(() => {
    downstream.received.length = 0;
    emulator.faults.clear();
  });

  const url = (path: string) => `${sidecar.url}/DownstreamApiUnauthenticated/${path}`;

  it('should call the downstream API with an app token and no caller token, and return its answer', async () => {
    // Act
    const result = await call(url('App'), { body: '{}', headers: { 'content-type': 'application/json' } });

    // Assert
    expect(result.status).toBe(200);
    expect(result.body).toEqual({
      statusCode: 200,
      headers: { 'Content-Type': ['application/json; charset=utf-8'], 'Content-Length': ['20'] },
      content: '{"result":"success"}',
    });
    const seen = downstream.received[0];
    expect(seen.method).toBe('GET');
    expect(seen.path).toBe('/api/items');
    expect(seen.body.toString()).toBe('{}');
    expect(downstream.header(0, 'content-type')).toEqual(['application/json']);
    const authorization = downstream.header(0, 'authorization');
    expect(authorization).toHaveLength(1);
    expect(authorization[0]).toMatch(/^Bearer ey/);
    expect(decodePayload(authorization[0])).toMatchObject({
      aud: DEMO.downstreamClientId,
      azp: DEMO.sidecarClientId,
      tid: DEMO.tenantId,
      iss: `${emulator.url}/${DEMO.tenantId}/v2.0`,
    });
    expect(decodePayload(authorization[0]).scp).toBeUndefined();
  });

  it('should answer 400 for an unknown API without calling anything downstream', async () => {
    // Act
    const result = await call(url('unknown-api'));

    // Assert
    expect(result.status).toBe(400);
    expect(result.body.detail).toContain("No scopes found for the API 'unknown-api'");
    expect(downstream.received).toHaveLength(0);
  });

  it('should answer 400 for a profile without scopes without calling anything downstream', async () => {
    // Act
    const result = await call(url('NoScopes'));

    // Assert
    expect(result.status).toBe(400);
    expect(result.body.detail).toContain("No scopes found for the API 'NoScopes'");
    expect(downstream.received).toHaveLength(0);
  });

  it('should answer 401 with the Entra message when Entra refuses the token request', async () => {
    // Arrange
    emulator.faults.inject({
      grantType: 'client_credentials',
      times: 1,
      kind: 'aadsts',
      code: 50076,
      description: 'MFA required.',
    });

    // Act
    const result = await call(url('Failing'));

    // Assert
    expect(result.status).toBe(401);
    expect(result.body.detail).toContain('MFA required');
    expect(downstream.received).toHaveLength(0);
  });

  it('should answer 500 "An unexpected error occurred." when the token endpoint is unreachable', async () => {
    // Arrange
    emulator.faults.inject({ grantType: 'client_credentials', times: 5, kind: 'outage' });

    // Act
    const result = await call(url('Failing'));

    // Assert
    expect(result.status).toBe(500);
    expect(result.body.detail).toBe('An unexpected error occurred.');
    expect(downstream.received).toHaveLength(0);
  });

  it('should return a 202 and its payload inside a 200', async () => {
    // Act
    const result = await call(url('Accepted'));

    // Assert
    expect(result.status).toBe(200);
    expect(result.body.statusCode).toBe(202);
    expect(result.body.content).toBe('{"ok":true}');
  });

  it('should answer 401 "No account…" for a user profile called without a caller token', async () => {
    // Act
    const result = await call(url('User'));

    // Assert
    expect(result.status).toBe(401);
    expect(result.body.detail).toContain('No account or login hint');
    expect(downstream.received).toHaveLength(0);
  });

  it('should use a valid caller token for a user profile (spec C.0: anonymous routes still authenticate)', async () => {
    // Arrange
    const token = await userToken(emulator);

    // Act
    const result = await call(url('User'), { headers: { authorization: `Bearer ${token}` } });

    // Assert
    expect(result.status).toBe(200);
    expect(decodePayload(downstream.header(0, 'authorization')[0])).toMatchObject({ scp: 'Weather.Read' });
    expect(downstream.header(0, 'authorization')[0]).not.toContain(token);
  });

  it('should ignore an invalid caller token on the anonymous route', async () => {
    // Act
    const result = await call(url('App'), { headers: { authorization: 'Bearer invalid-token' } });

    // Assert
    expect(result.status).toBe(200);
    expect(result.body.statusCode).toBe(200);
    expect(downstream.header(0, 'authorization')[0]).not.toContain('invalid-token');
  });
});
