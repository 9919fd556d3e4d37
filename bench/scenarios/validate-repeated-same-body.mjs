import { join } from 'node:path';
import { validationFixture } from '../servers/validate-fixture.mjs';

let token;
let baselineUrl;
let baselinePid;

/**
 * Like validate-repeated, but the bare node:http baseline answers the identical ~2.5 KB JSON body: on loopback
 * moving those bytes (client side included) costs about as much as the whole sidecar pipeline, which a
 * 7-byte "Healthy" baseline hides.
 * @type {import('../lib/scenario.mjs').Scenario}
 */
export default {
  name: 'validate-repeated-same-body',
  description: 'GET /Validate, same token, vs bare node:http answering the identical body.',
  targetRatio: 0.5,
  serverBound: true,
  async prepare(ctx) {
    const fixture = await validationFixture(ctx);
    token = await fixture.repeatedToken();
    const port = await ctx.freePort();
    const server = await ctx.startServer({
      name: 'bare-validate',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'bare-validate.mjs'), String(port), token],
      readyUrl: `http://127.0.0.1:${port}/Validate`,
    });
    baselineUrl = `http://127.0.0.1:${port}`;
    baselinePid = server.pid;
    return { env: fixture.sidecarEnv };
  },
  target: () => ({ path: '/Validate', headers: { authorization: `Bearer ${token}` } }),
  baseline: () => ({
    url: baselineUrl,
    pid: baselinePid,
    path: '/Validate',
    headers: { authorization: `Bearer ${token}` },
  }),
};
