import { validationFixture } from '../servers/validate-fixture.mjs';

let token;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'validate-repeated',
  description:
    'GET /Validate, the same valid token every time (verified-token cache) vs bare node:http "Healthy".',
  targetRatio: 0.5,
  serverBound: true,
  async prepare(ctx) {
    const fixture = await validationFixture(ctx);
    token = await fixture.repeatedToken();
    return { env: fixture.sidecarEnv };
  },
  target: () => ({ path: '/Validate', headers: { authorization: `Bearer ${token}` } }),
  // Same request bytes on both sides; the baseline answers 7 bytes (see validate-repeated-same-body).
  baseline: () => ({ path: '/healthz', headers: { authorization: `Bearer ${token}` } }),
};
