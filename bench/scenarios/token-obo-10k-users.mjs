import { memoryAfterGc } from '../lib/heap.mjs';
import {
  OBO_PATH as PATH,
  OBO_USERS as USERS,
  oboUserTokens,
  prime,
  tokenFixture,
} from '../servers/token-fixture.mjs';

let fixture;
let many = [];
let one = [];
let primedCount;
let before;

/** Issue 22: the resident set of a sidecar holding 10,000 users' headers, after a full collection. */
const RSS_TARGET_BYTES = 160 * 2 ** 20;
const MB = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perUser = (bytes) => `${(bytes / USERS / 1024).toFixed(1)} KB per user`;

const bearer = (tokens) => (index) => ({ authorization: `Bearer ${tokens[index % tokens.length]}` });

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'token-obo-10k-users',
  description: `GET ${PATH} (OBO, cache hits) over ${USERS} distinct cached users vs the same with 1 user.`,
  targetRatio: 0.9,
  serverBound: true,
  async prepare(ctx) {
    fixture = await tokenFixture(ctx);
    many = await oboUserTokens(fixture);
    one = [many[0]];
    return { env: fixture.sidecarEnv };
  },
  async target(ctx) {
    before = await memoryAfterGc(ctx.sidecar.pid);
    await prime(
      ctx.sidecar.url,
      many.map((token) => ({ path: PATH, headers: { authorization: `Bearer ${token}` } })),
    );
    primedCount = await fixture.tokenRequests();
    return { path: PATH, headersFor: bearer(many) };
  },
  // The comparison is the sidecar itself with one cached user: only the cache size differs.
  baseline: (ctx) => ({ url: ctx.sidecar.url, pid: ctx.sidecar.pid, path: PATH, headersFor: bearer(one) }),
  // Every measured request must be a cache hit: token-endpoint requests after priming (warm-up and
  // measured windows of both sides) must stay at 0. Read once here; polling the emulator's request log
  // during the run cost CPU on the servers' core and slowed every later scenario.
  // The live heap and the resident set after a full collection, against both before priming: what a cached user
  // costs in memory, every layer included (verified token, plan, our cache entry and answer, msal's partitions),
  // and what the pod pays for the process (issue 22: ≤ 160 MB). The sidecar then also holds every user's verified
  // token: the measured windows validated each one again.
  async after(ctx) {
    const during = (await fixture.tokenRequests()) - primedCount;
    const after = await memoryAfterGc(ctx.sidecar.pid);
    const heap = after.heapUsed - before.heapUsed;
    const rss = after.rss - before.rss;
    const rssWithin = after.rss <= RSS_TARGET_BYTES;
    return {
      pass: during === 0 && rssWithin,
      note:
        `token requests during warm-up + measured windows: ${during} (target 0); ` +
        `live heap +${MB(heap)} for ${USERS} cached users (${perUser(heap)}); ` +
        `RSS after a full GC ${MB(after.rss)} (target <= ${MB(RSS_TARGET_BYTES)}: ` +
        `${rssWithin ? 'PASS' : 'MISSED'}), +${MB(rss)} over the fresh sidecar (${perUser(rss)}), ` +
        `of which V8's young generation ${MB(after.newSpace)}`,
    };
  },
};
