import { join } from 'node:path';
import { validationFixture, CLIENT_ID } from '../servers/validate-fixture.mjs';

const DISTINCT_TOKENS = 20_000;
let tokens = [];
let baselineUrl;
let baselinePid;

const rotating = (index) => ({ authorization: `Bearer ${tokens[index % tokens.length]}` });

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'validate-distinct',
  description: `GET /Validate over ${DISTINCT_TOKENS} distinct valid tokens (full validation) vs fastify + jose jwtVerify.`,
  targetRatio: 1.0,
  serverBound: true,
  async prepare(ctx) {
    const fixture = await validationFixture(ctx);
    tokens = await fixture.mintMany(DISTINCT_TOKENS, { user: 'demo-user', scopes: ['access_as_user'] });
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
      ],
      env: { NODE_EXTRA_CA_CERTS: fixture.caCertPath },
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    baselineUrl = `http://127.0.0.1:${port}`;
    baselinePid = server.pid;
    return { env: fixture.sidecarEnv };
  },
  target: () => ({ path: '/Validate', headersFor: rotating }),
  baseline: () => ({ url: baselineUrl, pid: baselinePid, path: '/Validate', headersFor: rotating }),
};
