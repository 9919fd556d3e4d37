import { join } from 'node:path';
import { prime } from '../servers/token-fixture.mjs';
import { validationFixture, CLIENT_ID } from '../servers/validate-fixture.mjs';

const DISTINCT_TOKENS = 20_000;
let tokens = [];
let baseline;

const rotating = (index) => ({ authorization: `Bearer ${tokens[index % tokens.length]}` });

/**
 * Two rotations through one side before it is measured, so that its cache holds the whole rotation: the
 * sidecar stores a token on its second full validation (the doorkeeper, docs/performance.md), the baseline's
 * LRU on its first. Without it the short warm-up (a few thousand full validations) leaves most of the measured
 * rounds validating tokens the caches do not hold yet, which is not what this row compares.
 */
const primed = async (url, path) => {
  const rotation = tokens.map((_, index) => ({ path, headers: rotating(index) }));
  for (let pass = 0; pass < 2; pass++) await prime(url, rotation);
};

/** One fastify + jose server for both rows (its two routes: uncached, and with an LRU holding every token). */
async function prepare(ctx) {
  const fixture = await validationFixture(ctx);
  tokens = await fixture.mintMany(DISTINCT_TOKENS, { user: 'demo-user', scopes: ['access_as_user'] });
  baseline ??= (async () => {
    const port = await ctx.freePort();
    const server = await ctx.startServer({
      name: 'fastify-jose',
      command: process.execPath,
      args: [
        join(ctx.root, 'bench', 'servers', 'fastify-jose.mjs'),
        String(port),
        fixture.jwksUri,
        fixture.issuer,
        CLIENT_ID,
        String(DISTINCT_TOKENS),
      ],
      env: { NODE_EXTRA_CA_CERTS: fixture.caCertPath },
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    return { url: `http://127.0.0.1:${port}`, pid: server.pid };
  })();
  await baseline;
  return { env: fixture.sidecarEnv };
}

/** @type {import('../lib/scenario.mjs').Scenario[]} */
export default [
  {
    name: 'validate-distinct',
    description: `GET /Validate over ${DISTINCT_TOKENS} distinct valid tokens vs fastify + jose jwtVerify (no cache).`,
    targetRatio: 1.0,
    serverBound: true,
    prepare,
    target: () => ({ path: '/Validate', headersFor: rotating }),
    baseline: async () => ({ ...(await baseline), path: '/Validate', headersFor: rotating }),
  },
  {
    // Issue 22: at default settings the verified-token cache holds the whole rotation, as the baseline's does.
    name: 'validate-distinct-vs-cached',
    description:
      `GET /Validate over ${DISTINCT_TOKENS} distinct valid tokens, default settings, vs fastify + jose ` +
      `with an LRU holding all ${DISTINCT_TOKENS}.`,
    targetRatio: 0.9,
    serverBound: true,
    prepare,
    async target(ctx) {
      await primed(ctx.sidecar.url, '/Validate');
      return { path: '/Validate', headersFor: rotating };
    },
    async baseline() {
      const server = await baseline;
      await primed(server.url, '/cached/Validate');
      return { ...server, path: '/cached/Validate', headersFor: rotating };
    },
  },
];
