import { join } from 'node:path';
import { tokenFixture } from '../servers/token-fixture.mjs';
import { validationFixture } from '../servers/validate-fixture.mjs';

const APP_TOKEN_PATH = '/AuthorizationHeaderUnauthenticated/BenchApp';
// Set by whichever server sends the answer; everything else is copied byte for byte.
const PER_CONNECTION_HEADERS = new Set([
  'date',
  'content-length',
  'connection',
  'keep-alive',
  'transfer-encoding',
]);

/**
 * A floor server of the row's own, started when the row is measured and stopped after it, as the sidecar is: no
 * row depends on what ran before it.
 */
async function startFloor(ctx) {
  const port = await ctx.freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await ctx.startServer({
    name: 'nest-fastify-floor',
    command: process.execPath,
    args: [join(ctx.root, 'bench', 'servers', 'nest-fastify-floor.mjs'), String(port)],
    readyUrl: `${url}/floor`,
  });
  return { url, pid: server.pid, stop: () => server.stop() };
}

/** Asks the sidecar once and has the floor server answer exactly that (status, headers, body). */
async function answerLikeTheSidecar(sidecarUrl, floorUrl, request) {
  const response = await fetch(sidecarUrl + request.path, { headers: request.headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}: ${body}`);
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => !PER_CONNECTION_HEADERS.has(name)),
  );
  const handed = await fetch(`${floorUrl}/answer`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 200, headers, body }),
  });
  if (!handed.ok) throw new Error(`The floor server refused the answer: ${handed.status}`);
}

/**
 * One row's floor app: `load(ctx)` starts it, hands it the sidecar's answer for `request` and returns the load
 * request aimed at it; `after()` stops it once the row is measured.
 */
function freshFloor(request) {
  let floor;
  return {
    async load(ctx) {
      floor = await startFloor(ctx);
      const sent = await request();
      await answerLikeTheSidecar(ctx.sidecar.url, floor.url, sent);
      return { url: floor.url, pid: floor.pid, path: '/floor', headers: sent.headers };
    },
    async after() {
      await floor?.stop();
      return {};
    },
  };
}

/**
 * Calibration, no goal: the framework floor of a judged route. The target is a bare NestJS + Fastify app
 * (bench/servers/nest-fastify-floor.mjs) answering the sidecar's own answer for that route through a guard
 * that does nothing; the baseline and the request are those of the judged scenario. Its ratio is about the most
 * a route served through Nest's pipeline can reach in this run (the sidecar answers these cache hits before it).
 * @returns {import('../lib/scenario.mjs').Scenario}
 */
function floorOf({ judged, fixture, request }) {
  const floor = freshFloor(request);
  return {
    name: `floor-${judged}`,
    description: `A bare NestJS + Fastify route with a pass-through guard sending the bytes of ${judged}, vs its baseline.`,
    targetLabel: 'nest floor',
    serverBound: true,
    prepare: async (ctx) => ({ env: await fixture(ctx) }),
    target: floor.load,
    baseline: async () => ({ path: '/healthz', headers: (await request()).headers }),
    after: floor.after,
  };
}

/**
 * Calibration, no goal: the judged route against its framework floor, both measured in the same rounds. The
 * ratio weighs the sidecar's own work (caller policy, telemetry, validation, options, cache) and serving every
 * route instead of one against what answering cache hits before Nest's pipeline saves; unlike a ratio to bare
 * node:http it does not move with the framework.
 * @returns {import('../lib/scenario.mjs').Scenario}
 */
function againstFloor({ judged, fixture, request }) {
  const floor = freshFloor(request);
  return {
    name: `${judged}-vs-floor`,
    description: `${judged} vs a bare NestJS + Fastify route with a pass-through guard sending the same bytes.`,
    targetLabel: 'sidecar',
    serverBound: true,
    prepare: async (ctx) => ({ env: await fixture(ctx) }),
    target: () => request(),
    baseline: floor.load,
    after: floor.after,
  };
}

let repeatedToken;

const VALIDATE_REPEATED = {
  judged: 'validate-repeated',
  fixture: async (ctx) => {
    const fixture = await validationFixture(ctx);
    repeatedToken = await fixture.repeatedToken();
    return fixture.sidecarEnv;
  },
  request: async () => ({ path: '/Validate', headers: { authorization: `Bearer ${repeatedToken}` } }),
};

const APP_TOKEN = {
  judged: 'token-app-cache-hit',
  fixture: async (ctx) => (await tokenFixture(ctx)).sidecarEnv,
  request: async () => ({ path: APP_TOKEN_PATH }),
};

export default [
  floorOf(APP_TOKEN),
  floorOf(VALIDATE_REPEATED),
  againstFloor(APP_TOKEN),
  againstFloor(VALIDATE_REPEATED),
];
