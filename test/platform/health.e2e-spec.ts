import { ReadinessRegistry } from '@app/health';
import { HealthIndicatorService } from '@nestjs/terminus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

describe('health endpoints', () => {
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    sidecar = await startSidecar();
  });
  afterAll(() => sidecar.close());

  it('should answer /healthz with 200 text/plain Healthy, like the reference', async () => {
    const response = await fetch(`${sidecar.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await response.text()).toBe('Healthy');
  });

  it('should answer /healthz for any method and any letter case', async () => {
    const post = await fetch(`${sidecar.url}/healthz`, { method: 'POST' });
    const upper = await fetch(`${sidecar.url}/HEALTHZ`);
    expect([post.status, await post.text()]).toEqual([200, 'Healthy']);
    expect([upper.status, await upper.text()]).toEqual([200, 'Healthy']);
  });

  it('should report liveness as terminus JSON', async () => {
    const response = await fetch(`${sidecar.url}/healthz/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('should report the token cache in readiness: memory only, and up', async () => {
    // Act
    const body = (await (await fetch(`${sidecar.url}/healthz/ready`)).json()) as {
      details: Record<string, unknown>;
    };

    // Assert
    expect(body.details['token-cache']).toEqual({ status: 'up', store: 'memory', entries: 0, bytes: 0 });
  });

  it('should report readiness from the registered indicators, 503 when one is down', async () => {
    // Arrange
    const registry = sidecar.app.get(ReadinessRegistry);
    const indicators = sidecar.app.get(HealthIndicatorService);
    registry.register('signing-keys', () => indicators.check('signing-keys').up({ keys: 2 }));
    const healthy = await fetch(`${sidecar.url}/healthz/ready`);
    const healthyBody: unknown = await healthy.json();
    registry.register('token-cache', () => indicators.check('token-cache').down({ reason: 'unreachable' }));

    // Act
    const unhealthy = await fetch(`${sidecar.url}/healthz/ready`);

    // Assert
    expect(healthy.status).toBe(200);
    expect(healthyBody).toMatchObject({ status: 'ok', info: { 'signing-keys': { status: 'up', keys: 2 } } });
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toMatchObject({
      status: 'error',
      info: { 'signing-keys': { status: 'up' } },
      error: { 'token-cache': { status: 'down', reason: 'unreachable' } },
    });
    registry.unregister('token-cache');
    expect((await fetch(`${sidecar.url}/healthz/ready`)).status).toBe(200);
  });
});
