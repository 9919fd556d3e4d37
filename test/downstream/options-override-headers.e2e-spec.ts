import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { type DownstreamServer, startDownstream } from '@app/testing';
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

// Reference OptionsOverrideHeaderHandlingTests (unskipped) and SidecarOverrideGatingTests 5–6, plus the
// reserved header rules of spec C.6 and the override gate of the anonymous route.
describe('/DownstreamApi* overrides and outbound headers', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let gateOn: RunningSidecar;
  let gateOff: RunningSidecar;
  let token: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    downstream = await startDownstream();
    const profiles = {
      ...userProfile('test-api', `${downstream.url}/base`, {
        ExtraHeaderParameters__Cookie: 'session=configured',
        'ExtraHeaderParameters__X-Forwarded-For': '10.0.0.1',
        'ExtraHeaderParameters__X-Profile': 'from-profile',
      }),
      ...appProfile('app-api', `${downstream.url}/base`),
    };
    gateOn = await startDownstreamSidecar(emulator, {
      ...profiles,
      Sidecar__AllowOverrides__CallDownstreamApiUnauthenticated: 'true',
    });
    gateOff = await startDownstreamSidecar(emulator, {
      ...profiles,
      Sidecar__AllowOverrides__CallDownstreamApi: 'false',
    });
    token = await userToken(emulator);
  });
  afterAll(async () => {
    await Promise.all([gateOn?.close(), gateOff?.close()]);
    await Promise.all([downstream?.close(), emulator?.close()]);
  });
  beforeEach(() => {
    downstream.received.length = 0;
  });

  const bearer = () => ({ authorization: `Bearer ${token}` });

  it('should send exactly one Authorization, the acquired token, when an override supplies one', async () => {
    // Act
    const result = await call(
      `${gateOn.url}/DownstreamApi/test-api?optionsOverride.ExtraHeaderParameters.Authorization=${encodeURIComponent('Bearer caller-supplied')}`,
      { headers: bearer() },
    );

    // Assert
    expect(result.status).toBe(200);
    const authorization = downstream.header(0, 'authorization');
    expect(authorization).toHaveLength(1);
    expect(authorization[0]).not.toContain('caller-supplied');
    expect(decodePayload(authorization[0])).toMatchObject({
      aud: DEMO.downstreamClientId,
      scp: 'Weather.Read',
    });
    const warning = gateOn.logs.records().find((r) => r.header === 'Authorization');
    expect(warning).toMatchObject({ reason: 'reserved', apiName: 'test-api' });
    expect(gateOn.logs.text()).not.toContain('caller-supplied');
  });

  it('should send a custom override header with its value', async () => {
    // Act
    const result = await call(
      `${gateOn.url}/DownstreamApi/test-api?optionsOverride.ExtraHeaderParameters.X-Custom-Tracking=trace-id-42`,
      { headers: bearer() },
    );

    // Assert
    expect(result.status).toBe(200);
    expect(downstream.header(0, 'X-Custom-Tracking')).toEqual(['trace-id-42']);
    expect(downstream.header(0, 'X-Profile')).toEqual(['from-profile']);
  });

  it('should drop reserved headers configured in the profile', async () => {
    // Act
    await call(`${gateOn.url}/DownstreamApi/test-api`, { headers: { ...bearer(), cookie: 'inbound=1' } });

    // Assert
    expect(downstream.header(0, 'cookie')).toEqual([]);
    expect(downstream.header(0, 'x-forwarded-for')).toEqual([]);
  });

  it.each([
    ['on', () => gateOn],
    ['off', () => gateOff],
  ])(
    'should call the configured BaseUrl whatever optionsOverride.BaseUrl says (gate %s)',
    async (_gate, sidecar) => {
      // Act
      const result = await call(
        `${sidecar().url}/DownstreamApi/test-api?optionsOverride.BaseUrl=${encodeURIComponent('https://evil.example.com')}`,
        { headers: bearer() },
      );

      // Assert
      expect(result.status).toBe(200);
      expect(result.body.statusCode).toBe(200);
      expect(downstream.received).toHaveLength(1);
      expect(downstream.received[0].path).toBe('/base/');
    },
  );

  it('should ignore overrides on /DownstreamApi when its gate is off', async () => {
    // Act
    await call(`${gateOff.url}/DownstreamApi/test-api?optionsOverride.RelativePath=other`, {
      headers: bearer(),
    });

    // Assert
    expect(downstream.received[0].path).toBe('/base/');
  });

  it('should ignore overrides on the anonymous route by default and honour them when its gate is on', async () => {
    // Act
    await call(`${gateOff.url}/DownstreamApiUnauthenticated/app-api?optionsOverride.RelativePath=other`);
    await call(`${gateOn.url}/DownstreamApiUnauthenticated/app-api?optionsOverride.RelativePath=other`);

    // Assert
    expect(downstream.received.map((r) => r.path)).toEqual(['/base/', '/base/other']);
  });

  // Reference AgentOverrideGatingTests 5–6: with the gate off the agent parameters have no effect, so the
  // profile's own flow runs (an applied agent identity would take the agent path instead).
  it('should ignore agent parameters on /DownstreamApi when CallDownstreamApi is false', async () => {
    // Act
    const result = await call(
      `${gateOff.url}/DownstreamApi/test-api?AgentIdentity=${DEMO.agentId}&AgentUsername=agent-user@demo.onmicrosoft.com`,
      { headers: bearer() },
    );

    // Assert
    expect(result.status).toBe(200);
    expect(decodePayload(downstream.header(0, 'authorization')[0])).toMatchObject({ scp: 'Weather.Read' });
  });

  it('should ignore agent parameters on /DownstreamApiUnauthenticated by default', async () => {
    // Act
    const result = await call(
      `${gateOff.url}/DownstreamApiUnauthenticated/app-api?AgentIdentity=${DEMO.agentId}&AgentUsername=agent-user@demo.onmicrosoft.com`,
    );

    // Assert
    expect(result.status).toBe(200);
    expect(decodePayload(downstream.header(0, 'authorization')[0]).azp).toBe(DEMO.sidecarClientId);
  });
});
