import { prime, tokenFixture } from '../servers/token-fixture.mjs';

const USERS = 10_000;
const PATH = '/AuthorizationHeader/BenchUser';
let fixture;
let many = [];
let one = [];
let primedCount;
let lastCount;

const bearer = (tokens) => (index) => ({ authorization: `Bearer ${tokens[index % tokens.length]}` });

// Token-endpoint requests after priming (warm-up and measured windows together) must stay at 0: every
// request is a cache hit. Polled during the run and printed when the bench exits (no post-run hook).
function watchTokenRequests() {
  const timer = setInterval(() => {
    fixture.tokenRequests().then(
      (count) => (lastCount = count),
      () => undefined,
    );
  }, 500);
  timer.unref();
  process.once('exit', () => {
    const during = lastCount === undefined ? 'unknown' : String(lastCount - primedCount);
    console.log(
      `token-obo-10k-users: token requests during warm-up + measured windows: ${during} (target 0)`,
    );
  });
}

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
    lastCount = primedCount;
    watchTokenRequests();
    return { path: PATH, headersFor: bearer(many) };
  },
  // The comparison is the sidecar itself with one cached user: only the cache size differs.
  baseline: (ctx) => ({ url: ctx.sidecar.url, path: PATH, headersFor: bearer(one) }),
};
