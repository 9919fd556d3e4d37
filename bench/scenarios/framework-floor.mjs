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

/** The floor server's URL, once it is up (a promise, so both rows share one start). */
let floorStarted;

/** One floor server for both rows: each hands it the sidecar's answer just before it is measured. */
async function startFloor(ctx) {
  floorStarted ??= (async () => {
    const port = await ctx.freePort();
    const url = `http://127.0.0.1:${port}`;
    await ctx.startServer({
      name: 'nest-fastify-floor',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'nest-fastify-floor.mjs'), String(port)],
      readyUrl: `${url}/floor`,
    });
    return url;
  })();
  return floorStarted;
}

/** Asks the sidecar once and has the floor server answer exactly that (status, headers, body). */
async function answerLikeTheSidecar(sidecarUrl, request) {
  const response = await fetch(sidecarUrl + request.path, { headers: request.headers });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${request.path} answered ${response.status}: ${body}`);
  const headers = Object.fromEntries(
    [...response.headers].filter(([name]) => !PER_CONNECTION_HEADERS.has(name)),
  );
  const handed = await fetch(`${await floorStarted}/answer`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 200, headers, body }),
  });
  if (!handed.ok) throw new Error(`The floor server refused the answer: ${handed.status}`);
}

/**
 * Calibration, no goal: the framework floor of a judged route. The target is a bare NestJS + Fastify app
 * (bench/servers/nest-fastify-floor.mjs) answering the sidecar's own answer for that route through a guard
 * that does nothing; the baseline and the request are those of the judged scenario. Its ratio is the most a
 * NestJS + Fastify implementation of the route could reach in this run, so a goal above it cannot be met by
 * any work of the sidecar's own, only by leaving the framework.
 * @returns {import('../lib/scenario.mjs').Scenario}
 */
function floorOf({ judged, fixture, request }) {
  return {
    name: `floor-${judged}`,
    description: `A bare NestJS + Fastify route with a pass-through guard sending the bytes of ${judged}, vs its baseline.`,
    targetLabel: 'nest floor',
    async prepare(ctx) {
      const env = await fixture(ctx);
      await startFloor(ctx);
      return { env };
    },
    async target(ctx) {
      const sent = await request();
      await answerLikeTheSidecar(ctx.sidecar.url, sent);
      return { url: await floorStarted, path: '/floor', headers: sent.headers };
    },
    baseline: async () => ({ path: '/healthz', headers: (await request()).headers }),
  };
}

let repeatedToken;

export default [
  floorOf({
    judged: 'token-app-cache-hit',
    fixture: async (ctx) => (await tokenFixture(ctx)).sidecarEnv,
    request: async () => ({ path: APP_TOKEN_PATH }),
  }),
  floorOf({
    judged: 'validate-repeated',
    fixture: async (ctx) => {
      const fixture = await validationFixture(ctx);
      repeatedToken = await fixture.repeatedToken();
      return fixture.sidecarEnv;
    },
    request: async () => ({ path: '/Validate', headers: { authorization: `Bearer ${repeatedToken}` } }),
  }),
];
