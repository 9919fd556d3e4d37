import { prime, tokenFixture } from '../servers/token-fixture.mjs';

const USERS = 10_000;
const PATH = '/AuthorizationHeader/BenchUser';
let fixture;
let many = [];
let one = [];
let primedCount;

const bearer = (tokens) => (index) => ({ authorization: `Bearer ${tokens[index % tokens.length]}` });

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'token-obo-10k-users',
  description: `GET ${PATH} (OBO, cache hits) over ${USERS} distinct cached users vs the same with 1 user.`,
  targetRatio: 0.9,
  async prepare(ctx) {
    fixture = await tokenFixture(ctx);
    many = await fixture.mintMany(USERS, { user: 'demo-user', scopes: ['access_as_user'] });
    one = [many[0]];
    return { env: fixture.sidecarEnv };
  },
  async target(ctx) {
    await prime(
      ctx.sidecar.url,
      many.map((token) => ({ path: PATH, headers: { authorization: `Bearer ${token}` } })),
    );
    primedCount = await fixture.tokenRequests();
    return { path: PATH, headersFor: bearer(many) };
  },
  // The comparison is the sidecar itself with one cached user: only the cache size differs.
  baseline: (ctx) => ({ url: ctx.sidecar.url, path: PATH, headersFor: bearer(one) }),
  // Every measured request must be a cache hit: token-endpoint requests after priming (warm-up and
  // measured windows of both sides) must stay at 0. Read once here; polling the emulator's request log
  // during the run cost CPU on the servers' core and slowed every later scenario.
  async after() {
    const during = (await fixture.tokenRequests()) - primedCount;
    return {
      pass: during === 0,
      note: `token requests during warm-up + measured windows: ${during} (target 0)`,
    };
  },
};
