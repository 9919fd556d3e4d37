import { ECHO_BODY, echoFixture, SIDECAR_DOWNSTREAM_REQUEST } from '../servers/echo-fixture.mjs';

// The shared emulator issues the app token; after the first call the sidecar serves it from its cache, so
// the load measures the outbound call.
let echoUrl;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'downstream-unauthenticated',
  description:
    'POST /DownstreamApiUnauthenticated/BenchEcho (cached app token, body forwarded to a node:http echo) vs the same POST straight to the echo.',
  // Issue #6's goal. The echo shares the servers' CPU, so the sidecar side pays for three HTTP halves (its
  // server, its client, the echo) where the direct side pays for one: see downstream-vs-bare-proxy.
  targetRatio: 0.35,
  async prepare(ctx) {
    const echo = await echoFixture(ctx);
    echoUrl = echo.url;
    return { env: echo.sidecarEnv };
  },
  target: () => SIDECAR_DOWNSTREAM_REQUEST,
  baseline: () => ({
    url: echoUrl,
    path: '/echo',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: ECHO_BODY,
  }),
};
