import { join } from 'node:path';
import { echoFixture, SIDECAR_DOWNSTREAM_REQUEST } from '../servers/echo-fixture.mjs';

let proxyUrl;
let proxyPid;

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
    const proxy = await ctx.startServer({
      name: 'bare-proxy',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'bare-proxy.mjs'), String(port), echo.url],
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    proxyUrl = `http://127.0.0.1:${port}`;
    proxyPid = proxy.pid;
    return { env: echo.sidecarEnv };
  },
  target: () => SIDECAR_DOWNSTREAM_REQUEST,
  // The same request bytes, to the bare proxy.
  baseline: () => ({ ...SIDECAR_DOWNSTREAM_REQUEST, url: proxyUrl, pid: proxyPid }),
};
