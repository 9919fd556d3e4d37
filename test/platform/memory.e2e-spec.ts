import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEAP_PROBE_ARGS, memoryAfterGc } from '../../bench/lib/heap.mjs';
import { freePort, type SidecarProcess, spawnSidecar, waitUntilHealthy } from '../support/built-sidecar';
import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { emulatorEnv } from '../token/support/token-fixtures';

// The built sidecar holding 5,000 users' OBO headers (and their verified tokens): what each cached user costs in
// heap and in resident set, after a full collection. Bounded, not timed: the ceilings are far above today's cost
// (about 5 KB of heap per user, docs/performance.md), so only a leak or a cost several times today's fails here.

const USERS = 5_000;
/** Heap growth allowed per cached user: three times today's ~5 KB; ten times today's fails. */
const HEAP_CEILING_PER_USER = 16 * 1024;
/**
 * Resident-set growth allowed for all of them: the heap's ceiling plus V8's headroom (new space, free pages). With
 * the launch command's young-generation bound the growth reads about +40 MB on Node 20 and +49 MB on Node 24 for
 * +32 MB of heap (without the bound: +104 MB and +229 MB), so the ceiling is generous on both runtimes while a
 * tenfold heap regression (+320 MB) still fails.
 */
const RSS_GROWTH_CEILING = 320 * 2 ** 20;
const CONCURRENCY = 16;
/** The young generation's pages with the launch command's `--max-semi-space-size=4`: two semi-spaces of 4 MiB. */
const YOUNG_GENERATION_BOUND = 2 * 4 * 2 ** 20;

type Memory = Awaited<ReturnType<typeof memoryAfterGc>>;

/** Runs `work` for every item, `CONCURRENCY` at a time. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) await work(items[index]);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

describe('memory per cached user (the built sidecar)', () => {
  let emulator: EntraEmulator;
  let sidecar: SidecarProcess | undefined;
  let before: Memory;
  let after: Memory;
  let metrics: string;

  // Arrange, Act (shared): distinct users' tokens, a sidecar started as deployed that reports its memory after
  // a full collection, and every user sent twice, so the verified-token cache keeps each token as well.
  beforeAll(async () => {
    emulator = await startEmulator();
    const tokens: string[] = [];
    await eachLimited([...Array(USERS).keys()], async (n) => {
      tokens[n] = await emulator.mintAccessToken({
        user: 'demo-user',
        scopes: 'access_as_user',
        claims: { n },
      });
    });
    const port = await freePort();
    sidecar = spawnSidecar(
      {
        ...emulatorEnv(emulator),
        NODE_EXTRA_CA_CERTS: emulator.caCertPath,
        ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
      },
      process.cwd(),
      [],
      HEAP_PROBE_ARGS,
    );
    await waitUntilHealthy(sidecar.url);
    const pid = sidecar.child.pid!;
    before = await memoryAfterGc(pid);
    await eachLimited([...tokens, ...tokens], async (token) => {
      const response = await fetch(`${sidecar!.url}/AuthorizationHeader/User`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
    });
    after = await memoryAfterGc(pid);
    metrics = await (await fetch(`${sidecar.url}/metrics`)).text();
  }, 120_000);
  afterAll(async () => {
    await sidecar?.stop('SIGKILL');
    await emulator?.close();
  });

  it(`should grow by less than ${HEAP_CEILING_PER_USER / 1024} KB of heap per user with ${USERS} users cached`, () => {
    // Assert
    expect(metrics).toMatch(new RegExp(`^sidecar_cache_entries\\{cache="token"\\} ${USERS}$`, 'm'));
    expect(metrics).toMatch(new RegExp(`^sidecar_cache_entries\\{cache="verified_token"\\} ${USERS}$`, 'm'));
    const heapGrowth = after.heapUsed - before.heapUsed;
    const rssGrowth = after.rss - before.rss;
    console.log(
      `memory: ${USERS} users cached, heap +${(heapGrowth / 2 ** 20).toFixed(1)} MB ` +
        `(${(heapGrowth / USERS / 1024).toFixed(1)} KB per user), resident set +${(rssGrowth / 2 ** 20).toFixed(1)} MB, ` +
        `young generation ${(after.newSpace / 2 ** 20).toFixed(1)} MB`,
    );
    expect(heapGrowth).toBeLessThan(USERS * HEAP_CEILING_PER_USER);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_CEILING);
  });

  it("should keep V8's young generation within the bound its launch command sets, after a load", () => {
    // Assert: both semi-spaces at their --max-semi-space-size, no more (V8's default lets them reach 32 MB on
    // Node 20 and more on Node 24, most of the resident set a load leaves behind, docs/performance.md)
    expect(after.newSpace).toBeGreaterThan(0);
    expect(after.newSpace).toBeLessThanOrEqual(YOUNG_GENERATION_BOUND);
  });
});

describe('memory of an idle sidecar (the built sidecar)', () => {
  /** Reports every Intl object a process builds (test/support/intl-probe.cjs). */
  const INTL_PROBE = ['--require', resolve(__dirname, '../support/intl-probe.cjs')];
  let sidecar: SidecarProcess | undefined;

  afterAll(async () => {
    await sidecar?.stop('SIGKILL');
  });

  it('should see the Intl probe report an Intl object that a process builds', () => {
    // Arrange, Act: the control, so that the next test's silence means something
    const { stderr } = spawnSync(process.execPath, [...INTL_PROBE, '-e', 'new Intl.DateTimeFormat()'], {
      encoding: 'utf8',
    });

    // Assert
    expect(stderr).toContain('intl-probe: Intl.DateTimeFormat built');
  });

  it('should build no Intl object by the time it is healthy, so ICU data stays out of its resident set', async () => {
    // Arrange
    const port = await freePort();
    sidecar = spawnSidecar(
      {
        ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
        AzureAd__Instance: 'https://127.0.0.1:1/',
        AzureAd__TenantId: '7a1d4b52-3c8e-4f0a-9b6d-2e5f8c1a4d37',
        AzureAd__ClientId: 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58',
      },
      process.cwd(),
      [],
      INTL_PROBE,
    );

    // Act
    await waitUntilHealthy(sidecar.url);
    await sleep(500);

    // Assert
    expect(sidecar.output()).not.toContain('intl-probe:');
  }, 30_000);
});
