// Bench-only preload for the sidecar (with --expose-gc): on SIGUSR2 it collects all garbage and, once V8 has
// handed the freed pages back (RELEASE_MS later), writes the live heap and the resident set as JSON to
// <tmpdir>/bench-heap-<pid>, so a scenario can tell what a filled cache holds and what the process costs its
// pod, and how much of that is V8's young generation (`newSpace`, the pages its semi-spaces hold). Nothing
// else changes in the process; the sidecar itself never handles SIGUSR2. CommonJS on purpose: a
// `--require` preload adds nothing measurable to time to ready, an `--import` one (the ESM loader) about 70 ms.
const { renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

// V8 unmaps the pages a full collection freed on a background thread: read right after gc(), the resident set
// still counted tens of MB of them (measured after 10,000 cached users).
const RELEASE_MS = 1_000;

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  setTimeout(() => {
    const { heapUsed, rss } = process.memoryUsage();
    // Required here, not at start-up: time to ready is measured with this preload loaded.
    const newSpace = require('node:v8')
      .getHeapSpaceStatistics()
      .find((space) => space.space_name === 'new_space');
    const file = join(tmpdir(), `bench-heap-${process.pid}`);
    // Written aside and renamed, so the reader never sees half an answer.
    writeFileSync(
      `${file}.tmp`,
      JSON.stringify({ heapUsed, rss, newSpace: newSpace?.physical_space_size ?? 0 }),
    );
    renameSync(`${file}.tmp`, file);
  }, RELEASE_MS).unref();
});
