import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { type DownstreamServer, startDownstream } from '@app/testing';
import {
  appProfile,
  call,
  type EntraEmulator,
  startDownstreamSidecar,
  startEmulator,
} from './support/fixture';

// Reference OutboundRedirectTests (spec H.4): real loopback servers, A answers 302 → B.
describe('outbound redirects', () => {
  let emulator: EntraEmulator;
  let a: DownstreamServer;
  let b: DownstreamServer;
  let strict: RunningSidecar;
  let following: RunningSidecar;

  beforeAll(async () => {
    emulator = await startEmulator();
    b = await startDownstream();
    a = await startDownstream((_req, res) => res.writeHead(302, { Location: `${b.url}/landed` }).end());
    const profile = appProfile('redirect-api', a.url, { RelativePath: 'start', HttpMethod: 'POST' });
    strict = await startDownstreamSidecar(emulator, profile);
    following = await startDownstreamSidecar(emulator, {
      ...profile,
      Sidecar__AllowOutboundRedirects: 'true',
    });
  });
  afterAll(async () => {
    await Promise.all([strict?.close(), following?.close()]);
    await Promise.all([a?.close(), b?.close(), emulator?.close()]);
  });

  it('should report a 302 as statusCode and never contact its target by default', async () => {
    // Act
    const result = await call(`${strict.url}/DownstreamApiUnauthenticated/redirect-api`);

    // Assert
    expect(result.status).toBe(200);
    expect(result.body.statusCode).toBe(302);
    expect(a.received.length).toBeGreaterThanOrEqual(1);
    expect(b.received).toHaveLength(0);
  });

  it('should follow the 302 when Sidecar:AllowOutboundRedirects is true, without sending the token on', async () => {
    // Arrange
    a.received.length = 0;

    // Act
    const result = await call(`${following.url}/DownstreamApiUnauthenticated/redirect-api`, {
      body: 'payload',
      headers: { 'content-type': 'text/plain' },
    });

    // Assert
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ statusCode: 200, content: '{"result":"success"}' });
    expect(a.received).toHaveLength(1);
    expect(a.header(0, 'authorization')[0]).toMatch(/^Bearer ey/);
    expect(b.received).toHaveLength(1);
    expect(b.received[0]).toMatchObject({ method: 'GET', path: '/landed' });
    expect(b.header(0, 'authorization')).toEqual([]);
    expect(b.received[0].body.length).toBe(0);
  });
});
