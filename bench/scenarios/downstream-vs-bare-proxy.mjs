import { join } from 'node:path';
import { ECHO_BODY, echoFixture } from '../servers/echo-fixture.mjs';

let proxyUrl;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'downstream-vs-bare-proxy',
  description:
    'POST /DownstreamApiUnauthenticated/BenchEcho vs a bare node:http proxy (no framework, no token work) forwarding to the same echo.',
  // The cost of the sidecar's pipeline, token step and checks over the least any Node proxy pays.
  targetRatio: 0.5,
  async prepare(ctx) {
    const echo = await echoFixture(ctx);
    const port = await ctx.freePort();
    await ctx.startServer({
      name: 'bare-proxy',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'bare-proxy.mjs'), String(port), echo.url],
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    proxyUrl = `http://127.0.0.1:${port}`;
    return { env: echo.sidecarEnv };
  },
  target: () => ({
    path: '/DownstreamApiUnauthenticated/BenchEcho',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: ECHO_BODY,
  }),
  baseline: () => ({
    url: proxyUrl,
    path: '/DownstreamApiUnauthenticated/BenchEcho',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: ECHO_BODY,
  }),
};
