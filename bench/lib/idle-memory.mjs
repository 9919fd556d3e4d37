import { setTimeout as sleep } from 'node:timers/promises';
import { residentBytes } from './heap.mjs';
import { startSidecar } from './sidecar.mjs';
import { median } from './stats.mjs';

/** The issue-22 target for a sidecar that has just started: resident set ≤ 80 MB. */
export const IDLE_RSS_TARGET_BYTES = 80 * 2 ** 20;
/** How long after its first `/healthz` 200 the resident set is read: start-up's last work has settled by then. */
const SETTLE_MS = 1_000;

/**
 * IDLE MEMORY: starts the sidecar `samples` times (the bench's Production configuration), reads its resident set
 * a second after the first `/healthz` 200, as a deployment's pod sees it (no forced collection), and stops it.
 */
export async function measureIdleRss({ samples, ...options }) {
  const rssBytes = [];
  for (let i = 0; i < samples; i++) {
    const server = await startSidecar(options);
    await sleep(SETTLE_MS);
    rssBytes.push(await residentBytes(server.pid));
    await server.stop();
  }
  const med = median(rssBytes);
  return {
    rssBytes,
    medianBytes: med,
    targetBytes: IDLE_RSS_TARGET_BYTES,
    pass: med <= IDLE_RSS_TARGET_BYTES,
  };
}
