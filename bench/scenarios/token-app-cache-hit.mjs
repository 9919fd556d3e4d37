import { prime, tokenFixture } from '../servers/token-fixture.mjs';

const PATH = '/AuthorizationHeaderUnauthenticated/BenchApp';

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'token-app-cache-hit',
  description: `GET ${PATH} (app token from our cache, primed) vs bare node:http.`,
  targetRatio: 0.5,
  serverBound: true,
  async prepare(ctx) {
    return { env: (await tokenFixture(ctx)).sidecarEnv };
  },
  async target(ctx) {
    await prime(ctx.sidecar.url, [{ path: PATH }]);
    return { path: PATH };
  },
  baseline: () => ({ path: '/healthz' }),
};
