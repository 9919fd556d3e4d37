import { type DownstreamServer, startDownstream } from '@app/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
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

// Sidecar:AllowOverrides:Keys on /DownstreamApi* (issue 21): callers may choose the path under BaseUrl and send
// one tracing header, nothing else. What the list leaves out is ignored with a warning, never refused.
describe('Sidecar:AllowOverrides:Keys on the downstream routes', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let sidecar: RunningSidecar;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream();
    sidecar = await startDownstreamSidecar(emulator, {
      ...userProfile('Weather', `${downstream.url}/api`, { RelativePath: 'forecast', HttpMethod: 'GET' }),
      ...appProfile('Reports', `${downstream.url}/api`),
      Sidecar__AllowOverrides__CallDownstreamApiUnauthenticated: 'true',
      Sidecar__AllowOverrides__Keys__0: 'RelativePath',
      Sidecar__AllowOverrides__Keys__1: 'ExtraHeaderParameters:X-Trace',
    });
    token = await userToken(emulator);
  });
  afterAll(async () => {
    await sidecar?.close();
    await Promise.all([downstream?.close(), emulator?.close()]);
  });
  beforeEach(() => {
    downstream.received.length = 0;
  });

  const ignored = () =>
    sidecar.logs
      .records()
      .filter((record) => record.event === 'OverridesIgnored' && Array.isArray(record.keys))
      .at(-1);

  it('should honour the listed keys and ignore the others: method, scopes, app token, other headers, query', async () => {
    // Arrange
    const query = [
      'optionsOverride.RelativePath=daily',
      'optionsOverride.ExtraHeaderParameters.X-Trace=trace-1',
      'optionsOverride.ExtraHeaderParameters.X-Other=nope',
      'optionsOverride.ExtraQueryParameters.debug=1',
      'optionsOverride.HttpMethod=DELETE',
      'optionsOverride.RequestAppToken=true',
      `optionsOverride.Scopes=${encodeURIComponent('https://graph.microsoft.com/User.Read')}`,
    ].join('&');

    // Act
    const result = await call(`${sidecar.url}/DownstreamApi/Weather?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    // Assert
    expect(result.status).toBe(200);
    const seen = downstream.received[0];
    expect(seen.method).toBe('GET');
    expect(seen.path).toBe('/api/daily');
    expect([...seen.query.keys()]).toEqual([]);
    expect(downstream.header(0, 'x-trace')).toEqual(['trace-1']);
    expect(downstream.header(0, 'x-other')).toEqual([]);
    expect(decodePayload(downstream.header(0, 'authorization')[0])).toMatchObject({
      aud: DEMO.downstreamClientId,
      scp: 'Weather.Read',
    });
    expect(ignored()).toMatchObject({
      eventId: 3,
      route: 'DownstreamApi',
      keys: ['ExtraHeaderParameters', 'ExtraQueryParameters', 'HttpMethod', 'RequestAppToken', 'Scopes'],
    });
  });

  it('should apply the same list on the anonymous route', async () => {
    // Act
    const result = await call(
      `${sidecar.url}/DownstreamApiUnauthenticated/Reports?optionsOverride.RelativePath=monthly&optionsOverride.HttpMethod=PUT`,
    );

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.received[0]).toMatchObject({ method: 'GET', path: '/api/monthly' });
    expect(ignored()).toMatchObject({ route: 'DownstreamApiUnauthenticated', keys: ['HttpMethod'] });
  });

  it('should still refuse a listed key whose value leaves the BaseUrl path', async () => {
    // Act
    const result = await call(
      `${sidecar.url}/DownstreamApi/Weather?optionsOverride.RelativePath=../../secret`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );

    // Assert
    expect(result.status).toBe(400);
    expect(downstream.received).toHaveLength(0);
  });
});
