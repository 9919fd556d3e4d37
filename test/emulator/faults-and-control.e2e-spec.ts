import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { DEMO, decodePayload, postToken } from './support/token-client';

describe('fault injection and the control API', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    emulator.faults.clear();
    emulator.requests.reset();
  });

  const clientCredentials = (): ReturnType<typeof postToken> =>
    postToken(emulator, {
      grant_type: 'client_credentials',
      client_id: DEMO.client.clientId,
      client_secret: DEMO.client.secret,
      scope: `api://${DEMO.sidecar.clientId}/.default`,
    });
  const control = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${emulator.url}/_emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };

  it('should count every request per kind in totals, reset with the log', async () => {
    // Arrange
    await clientCredentials();
    await clientCredentials();
    await fetch(`${emulator.url}/${DEMO.tenantId}/discovery/v2.0/keys`);

    // Act
    const before = await control('GET', 'requests?kind=token');
    await control('DELETE', 'requests');
    const after = await control('GET', 'requests');

    // Assert
    expect(before.body).toMatchObject({ count: 2, totals: { token: 2, jwks: 1 } });
    expect(emulator.requests.totals()).toEqual({});
    expect(after.body).toMatchObject({ count: 0, totals: {} });
  });

  it('should answer an injected AADSTS error once, then recover', async () => {
    // Arrange
    emulator.faults.inject({
      kind: 'aadsts',
      code: 50076,
      error: 'invalid_grant',
      status: 400,
      clientId: DEMO.client.clientId,
    });

    // Act
    const failed = await clientCredentials();
    const recovered = await clientCredentials();

    // Assert
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({ error: 'invalid_grant', error_codes: [50076] });
    expect(String(failed.body.error_description)).toMatch(/^AADSTS50076: /);
    expect(recovered.status).toBe(200);
    expect(emulator.requests.count({ grantType: 'client_credentials' })).toBe(2);
  });

  it('should answer an injected 503 with an Entra-like body and Retry-After, as many times as asked', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'status', status: 503, times: 2 });

    // Act
    const first = await fetch(emulator.tokenEndpoint('demo'), {
      method: 'POST',
      body: 'grant_type=client_credentials',
    });
    const second = await clientCredentials();
    const third = await clientCredentials();

    // Assert
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(((await first.json()) as Record<string, unknown>).error).toBe('temporarily_unavailable');
    expect(second.status).toBe(503);
    expect(third.status).toBe(200);
  });

  it('should drop the connection for an outage', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'outage', path: /\/oauth2\/v2\.0\/token$/ });

    // Act
    const attempt = clientCredentials();

    // Assert
    await expect(attempt).rejects.toThrow(/fetch failed/);
  });

  it('should delay the answer for latency, then answer normally', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'latency', ms: 300 });
    const started = Date.now();

    // Act
    const answer = await clientCredentials();

    // Assert
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(answer.status).toBe(200);
  });

  it('should answer 200 with a body that is not JSON for garbage', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'garbage', grantType: 'client_credentials' });

    // Act
    const response = await fetch(emulator.tokenEndpoint('demo'), {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: DEMO.client.clientId }),
    });

    // Assert
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
  });

  it('should keep an unlimited fault until cleared, and match by tenant', async () => {
    // Arrange
    emulator.faults.inject({ kind: 'status', status: 500, tenant: DEMO.tenantId, times: Infinity });

    // Act
    const results = [await clientCredentials(), await clientCredentials()];
    emulator.faults.clear();
    const after = await clientCredentials();

    // Assert
    expect(results.map((result) => result.status)).toEqual([500, 500]);
    expect(results[0].body.error).toBe('server_error');
    expect(after.status).toBe(200);
  });

  it('should inject, count and clear over HTTP', async () => {
    // Act
    const injected = await control('POST', 'faults', {
      kind: 'aadsts',
      code: 70011,
      error: 'invalid_scope',
      times: 'Infinity',
    });
    const failed = await clientCredentials();
    const listed = await control(
      'GET',
      `requests?grantType=client_credentials&clientId=${DEMO.client.clientId}`,
    );
    const cleared = await control('DELETE', 'faults');
    const ok = await clientCredentials();
    const reset = await control('DELETE', 'requests');

    // Assert
    expect(injected.status).toBe(201);
    expect(failed.body.error_codes).toEqual([70011]);
    expect(listed.body).toMatchObject({ count: 1 });
    expect(cleared.status).toBe(204);
    expect(ok.status).toBe(200);
    expect(reset.status).toBe(204);
    expect(emulator.requests.count()).toBe(0);
  });

  it('should mint a demo user token with the convenience form', async () => {
    // Act
    const minted = await control('POST', 'tokens', { user: 'demo-user', scope: 'access_as_user' });

    // Assert
    expect(minted.status).toBe(200);
    const body = minted.body as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(decodePayload(body.access_token)).toMatchObject({
      aud: DEMO.sidecar.clientId,
      scp: 'access_as_user',
      oid: DEMO.user.oid,
      azp: DEMO.client.clientId,
      tid: DEMO.tenantId,
    });
    expect(body.claims).toEqual(decodePayload(body.access_token));
  });

  it('should refuse to mint for an unknown user with a 400', async () => {
    // Act
    const minted = await control('POST', 'tokens', { user: 'nobody' });

    // Assert
    expect(minted.status).toBe(400);
  });

  it('should rotate keys and serve the config over HTTP', async () => {
    // Arrange
    const before = emulator.signingKeys.currentKid;

    // Act
    const rotated = await control('POST', 'keys/rotate', {});
    const config = await control('GET', 'config');

    // Assert
    expect((rotated.body as { publishedKids: string[] }).publishedKids).toEqual([
      emulator.signingKeys.currentKid,
      before,
    ]);
    expect(config.body).toMatchObject({ url: emulator.url, managedIdentity: emulator.managedIdentity });
  });

  it('should return the last token request with form, tenant and headers', async () => {
    // Arrange
    await clientCredentials();

    // Act
    const last = await control('GET', 'requests/last-token');

    // Assert
    expect(last.body).toMatchObject({
      tenant: 'demo',
      tenantId: DEMO.tenantId,
      grantType: 'client_credentials',
      form: { client_id: DEMO.client.clientId },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  });

  it('should refuse a body over the size cap with 413', async () => {
    // Act
    const response = await fetch(emulator.tokenEndpoint('demo'), {
      method: 'POST',
      body: 'x'.repeat(300 * 1024),
    });

    // Assert
    expect(response.status).toBe(413);
  });
});
