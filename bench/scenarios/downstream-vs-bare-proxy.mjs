import { join } from 'node:path';
import { SIDECAR_NODE_FLAGS } from '../../scripts/lib/node-flags.mjs';
import { echoFixture, SIDECAR_DOWNSTREAM_REQUEST } from '../servers/echo-fixture.mjs';

let echoUrl;
let proxyUrl;
let proxyPid;

/** Starts the echo and the bare proxy once, however many of these rows run; returns the sidecar's env. */
async function prepare(ctx) {
  const echo = await echoFixture(ctx);
  echoUrl = echo.url;
  if (proxyUrl === undefined) {
    const port = await ctx.freePort();
    const proxy = await ctx.startServer({
      name: 'bare-proxy',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'bare-proxy.mjs'), String(port), echo.url],
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    proxyUrl = `http://127.0.0.1:${port}`;
    proxyPid = proxy.pid;
  }
  return { env: echo.sidecarEnv };
}

// The same request bytes, to the bare proxy.
const bareProxy = () => ({ ...SIDECAR_DOWNSTREAM_REQUEST, url: proxyUrl, pid: proxyPid });

/**
 * A relay server of the row's own, relaying to the echo like the bare proxy, started when the row is measured
 * and stopped after it, as the sidecar is (bench/README.md, the framework floor rows). `nodeFlags` go before the
 * script.
 */
function relayForRow(name, script, nodeFlags = []) {
  let server;
  return {
    async load(ctx) {
      const port = await ctx.freePort();
      const url = `http://127.0.0.1:${port}`;
      server = await ctx.startServer({
        name,
        command: process.execPath,
        args: [...nodeFlags, join(ctx.root, 'bench', 'servers', script), String(port), echoUrl],
        readyUrl: `${url}/ready`,
      });
      return { ...SIDECAR_DOWNSTREAM_REQUEST, url, pid: server.pid };
    },
    async after() {
      await server?.stop();
      return {};
    },
  };
}

// The bare proxy again with the sidecar's node flags: the same V8 settings on both sides, so its row reads what
// the sidecar's own work costs the relay, without what the launch command's young-generation bound costs it
// (docs/performance.md, "V8 flags").
const sameFlagsProxy = relayForRow('bare-proxy-sidecar-flags', 'bare-proxy.mjs', SIDECAR_NODE_FLAGS);
// The relay floor (bench/servers/nest-fastify-relay-floor.mjs), once per row that uses it.
const floorRow = relayForRow('nest-fastify-relay-floor', 'nest-fastify-relay-floor.mjs');
const againstFloorRow = relayForRow('nest-fastify-relay-floor', 'nest-fastify-relay-floor.mjs');

/** @type {import('../lib/scenario.mjs').Scenario[]} */
export default [
  {
    name: 'downstream-vs-bare-proxy',
    description:
      'POST /DownstreamApiUnauthenticated/BenchEcho vs a bare node:http proxy (no framework, no token work) forwarding to the same echo.',
    // The cost of the sidecar's pipeline, token step and checks over the least any Node proxy pays; issue 22
    // asks 0.95 (the relay floor rows show a Nest route on undici reaching it).
    targetRatio: 0.95,
    prepare,
    target: () => SIDECAR_DOWNSTREAM_REQUEST,
    baseline: bareProxy,
  },
  {
    // Calibration, no goal: the row above with the sidecar's V8 flags on the bare proxy too.
    name: 'downstream-vs-bare-proxy-same-flags',
    description:
      "POST /DownstreamApiUnauthenticated/BenchEcho vs the bare node:http proxy started with the sidecar's node flags.",
    prepare,
    target: () => SIDECAR_DOWNSTREAM_REQUEST,
    baseline: sameFlagsProxy.load,
    after: sameFlagsProxy.after,
  },
  {
    // Calibration, no goal: what a relay served by a Nest route (decisions §4) reaches against the bare proxy.
    name: 'floor-downstream-vs-bare-proxy',
    description:
      'A bare NestJS + Fastify route (pass-through guard, raw body, @Res()) relaying like the bare proxy, vs the bare proxy.',
    targetLabel: 'nest floor',
    prepare,
    target: floorRow.load,
    baseline: bareProxy,
    after: floorRow.after,
  },
  {
    // Calibration, no goal: the sidecar's own work on the relay, over the framework's, in the same rounds.
    name: 'downstream-vs-relay-floor',
    description:
      'POST /DownstreamApiUnauthenticated/BenchEcho vs a bare NestJS + Fastify route relaying to the same echo.',
    prepare,
    target: () => SIDECAR_DOWNSTREAM_REQUEST,
    baseline: againstFloorRow.load,
    after: againstFloorRow.after,
  },
];
