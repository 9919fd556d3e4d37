import { afterEach, describe, expect, it } from 'vitest';
import { startSidecar, type RunningSidecar } from '../support/sidecar';
import {
  authorityEnv,
  bearer,
  callValidate,
  type EntraEmulator,
  startEmulator,
  startValidatingSidecar,
  waitForReadiness,
} from './validation-fixture';

const KEYS_OR_DISCOVERY = /keys|openid-configuration/;

async function metric(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(pattern.exec(text)?.[1] ?? 0);
}

describe('Signing keys: rotation, unknown kid, outage, readiness', () => {
  let emulator: EntraEmulator | undefined;
  let sidecar: RunningSidecar | undefined;

  afterEach(async () => {
    await sidecar?.close();
    await emulator?.close();
    sidecar = undefined;
    emulator = undefined;
  });

  it('should accept tokens signed with a key rotated in after startup', async () => {
    // Arrange
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    const before = await emulator.mintAccessToken({ user: 'demo-user' });
    expect((await callValidate(sidecar.url, bearer(before))).status).toBe(200);

    // Act
    await emulator.rotateSigningKey({ retainPrevious: true });
    const after = await emulator.mintAccessToken({ user: 'demo-user' });

    // Assert
    expect((await callValidate(sidecar.url, bearer(after))).status).toBe(200);
    expect((await callValidate(sidecar.url, bearer(before))).status).toBe(200);
  });

  it('should stop accepting, even from the cache, a key the authority retired', async () => {
    // Arrange
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    const old = await emulator.mintAccessToken({ user: 'demo-user' });
    expect((await callValidate(sidecar.url, bearer(old))).status).toBe(200);

    // Act: the old key leaves the JWKS; a token with the new kid makes the sidecar refetch.
    await emulator.rotateSigningKey({ retainPrevious: false });
    expect(
      (await callValidate(sidecar.url, bearer(await emulator.mintAccessToken({ user: 'demo-user' })))).status,
    ).toBe(200);

    // Assert
    expect((await callValidate(sidecar.url, bearer(old))).status).toBe(401);
  });

  it('should refetch the keys at most once for a flood of 100 unknown-kid tokens', async () => {
    // Arrange
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    // Ten unpublished keys (each mint makes a new one), a hundred requests.
    const distinct = await Promise.all(
      Array.from({ length: 10 }, () =>
        emulator!.mintAccessToken({ user: 'demo-user', signWith: 'unpublished' }),
      ),
    );
    const tokens = Array.from({ length: 100 }, (_, index) => distinct[index % distinct.length]);
    const fetchesBefore = emulator.requests.count({ path: /discovery/ });

    // Act
    const responses = await Promise.all(tokens.map((token) => callValidate(sidecar!.url, bearer(token))));
    const again = await callValidate(sidecar.url, bearer(tokens[0]));

    // Assert
    expect(responses.every((response) => response.status === 401)).toBe(true);
    expect(again.status).toBe(401);
    expect(emulator.requests.count({ path: /discovery/ }) - fetchesBefore).toBeLessThanOrEqual(1);
    expect(
      await metric(
        sidecar.url,
        /^sidecar_jwks_fetches_total\{reason="unknown_kid",outcome="success"\} (\d+)/m,
      ),
    ).toBe(1);
  });

  it('should keep validating known keys through an authority outage after warm-up', async () => {
    // Arrange: a refresh every 200 ms, so the outage is seen by many scheduled refreshes.
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator, { Sidecar__Validation__JwksRefreshInterval: '0.2' });
    const token = await emulator.mintAccessToken({ user: 'demo-user' });
    emulator.faults.inject({ path: KEYS_OR_DISCOVERY, kind: 'outage', times: Infinity });

    // Act
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const fresh = await emulator.mintAccessToken({ user: 'demo-user', scopes: ['access_as_user'] });
    const first = await callValidate(sidecar.url, bearer(token));
    const second = await callValidate(sidecar.url, bearer(fresh));
    const ready = await fetch(`${sidecar.url}/healthz/ready`);

    // Assert
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(ready.status).toBe(200);
    expect(
      await metric(sidecar.url, /^sidecar_jwks_fetches_total\{reason="scheduled",outcome="failure"\} (\d+)/m),
    ).toBeGreaterThan(0);
  });

  it('should start while the authority is unreachable, report not ready, then recover', async () => {
    // Arrange
    emulator = await startEmulator();
    emulator.faults.inject({ path: KEYS_OR_DISCOVERY, kind: 'status', status: 503, times: 2 });

    // Act
    sidecar = await startSidecar({
      env: { ...authorityEnv(emulator), Sidecar__Validation__JwksRefreshInterval: '0.3' },
    });
    const notReady = await fetch(`${sidecar.url}/healthz/ready`);
    const live = await fetch(`${sidecar.url}/healthz`);
    await waitForReadiness(sidecar.url);
    const token = await emulator.mintAccessToken({ user: 'demo-user' });

    // Assert
    expect(live.status).toBe(200);
    expect(notReady.status).toBe(503);
    expect((await callValidate(sidecar.url, bearer(token))).status).toBe(200);
  });

  it('should answer 401 (not 5xx) while the authority has never been reachable', async () => {
    // Arrange
    emulator = await startEmulator();
    emulator.faults.inject({ path: KEYS_OR_DISCOVERY, kind: 'outage', times: Infinity });
    sidecar = await startSidecar({ env: authorityEnv(emulator) });
    const token = await emulator.mintAccessToken({ user: 'demo-user' });

    // Act
    const response = await callValidate(sidecar.url, bearer(token));
    const flood = await Promise.all(
      Array.from({ length: 20 }, () => callValidate(sidecar!.url, bearer(token))),
    );

    // Assert
    expect(response.status).toBe(401);
    expect(response.challenge).toContain('invalid_token');
    expect(flood.every((each) => each.status === 401)).toBe(true);
    // The bootstrap attempt plus at most one retry (v2 + v1 documents each), not one per request.
    expect(emulator.requests.count({ path: /openid-configuration/ })).toBeLessThanOrEqual(4);
  }, 40_000);
});
