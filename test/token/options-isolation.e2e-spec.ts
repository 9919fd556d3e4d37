import { startEmulator, type EntraEmulator } from '@app/entra-emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, decodePayload, getJson, startTokenFixture, type TokenFixture } from './support/token-fixtures';

// Spec D "per-request isolation" (reference SidecarOptionsIsolationTests 3–4) as real HTTP: nothing a request
// overrides may reach the shared profile or another request, including 40 concurrent ones.
const AGENT_2 = '18e39611-2756-4906-a5e3-9831c45ba15f';
const agentLegs = (emulator: EntraEmulator, agentId: string) =>
  emulator.requests
    .list({ grantType: 'client_credentials' })
    .filter((request) => request.form?.fmi_path === agentId).length;

describe('per-request options isolation', () => {
  let emulator: EntraEmulator;
  let gatesFlipped: TokenFixture;

  beforeAll(async () => {
    emulator = await startEmulator();
    gatesFlipped = await startTokenFixture(
      { Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true' },
      { emulator },
    );
  });
  afterAll(async () => {
    await gatesFlipped?.close();
    await emulator?.close();
  });

  describe('SidecarOptionsIsolationTests', () => {
    it('3: an agent request does not leak into the next request or the shared profile', async () => {
      // Act
      emulator.requests.reset();
      await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App?AgentIdentity=${AGENT_2}`,
      );
      const legsWithAgent = agentLegs(emulator, AGENT_2);
      emulator.requests.reset();
      const without = await getJson(
        `${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true`,
      );

      // Assert
      expect(legsWithAgent).toBeGreaterThan(0);
      expect(without.status).toBe(200);
      expect(agentLegs(emulator, AGENT_2)).toBe(0);
      expect(decodePayload(String(without.body.authorizationHeader)).azp).toBe(DEMO.sidecar.clientId);
      const profile = gatesFlipped.sidecar.configuration.settings.downstreamApis.get('App');
      expect(Object.isFrozen(profile)).toBe(true);
      expect(profile).not.toHaveProperty('agent');
    });

    it('4: 40 concurrent requests with distinct overrides each see only their own', async () => {
      // Arrange: alternate resources, and a distinct correlation id per request (sent to Entra).
      emulator.requests.reset();
      const ids = Array.from(
        { length: 40 },
        (_, i) => `6f1f8a9c-1f7e-4d83-9f6c-${String(i).padStart(12, '0')}`,
      );
      const resources = ['https://graph.microsoft.com', `${DEMO.downstream.uri}`];
      const audiences = ['https://graph.microsoft.com', DEMO.downstream.clientId];

      // Act
      const answers = await Promise.all(
        ids.map((id, i) =>
          getJson(
            `${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true` +
              `&optionsOverride.AcquireTokenOptions.CorrelationId=${id}&optionsOverride.Scopes=${encodeURIComponent(`${resources[i % 2]}/.default`)}`,
          ),
        ),
      );

      // Assert
      expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(200));
      answers.forEach((answer, i) =>
        expect(decodePayload(String(answer.body.authorizationHeader)).aud).toBe(audiences[i % 2]),
      );
      const sent = emulator.requests.list({ grantType: 'client_credentials' });
      const sentIds = sent.map(
        (request) => request.form?.['client-request-id'] ?? request.query['client-request-id'],
      );
      expect(new Set(sentIds)).toEqual(new Set(ids));
      for (const request of sent) {
        const index = ids.indexOf(
          String(request.form?.['client-request-id'] ?? request.query['client-request-id']),
        );
        expect(request.form?.scope).toBe(`${resources[index % 2]}/.default`);
      }
      const after = await getJson(`${gatesFlipped.sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
      expect(decodePayload(String(after.body.authorizationHeader)).aud).toBe(DEMO.downstream.clientId);
      expect(gatesFlipped.sidecar.configuration.settings.downstreamApis.get('App')?.scopes).toEqual([
        `${DEMO.downstream.uri}/.default`,
      ]);
    });
  });
});
