import { OBO_PATH, OBO_USERS, oboUserTokens, prime, tokenFixture } from '../servers/token-fixture.mjs';

let token;
let users = [];

const bearer = (value) => ({ authorization: `Bearer ${value}` });

/**
 * Calibration, no goal: validate-repeated again, in a sidecar that has first served OBO for 10,000 users and
 * holds their tokens. Each scenario gets a fresh sidecar, so this row is where a long-running sidecar's state
 * shows: a larger heap for every scavenge, and the shared request path having seen another route.
 * @type {import('../lib/scenario.mjs').Scenario}
 */
export default {
  name: 'validate-repeated-10k-users',
  description: `GET /Validate, the same token, in a sidecar holding ${OBO_USERS} cached OBO users, vs bare node:http.`,
  serverBound: true,
  targetLabel: `${OBO_USERS / 1000}k users`,
  async prepare(ctx) {
    const fixture = await tokenFixture(ctx);
    users = await oboUserTokens(fixture);
    token = await fixture.repeatedToken();
    return { env: fixture.sidecarEnv };
  },
  async target(ctx) {
    await prime(
      ctx.sidecar.url,
      users.map((user) => ({ path: OBO_PATH, headers: bearer(user) })),
    );
    return { path: '/Validate', headers: bearer(token) };
  },
  baseline: () => ({ path: '/healthz', headers: bearer(token) }),
};
