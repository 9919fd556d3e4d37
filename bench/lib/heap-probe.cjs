// Bench-only preload for the sidecar (with --expose-gc): on SIGUSR2 it collects all garbage and writes the live
// heap size to <tmpdir>/bench-heap-<pid>, so a scenario can tell what a filled cache holds. Nothing else
// changes in the process; the sidecar itself never handles SIGUSR2. CommonJS on purpose: a `--require`
// preload adds nothing measurable to time to ready, an `--import` one (the ESM loader) about 70 ms.
const { renameSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

process.on('SIGUSR2', () => {
  if (typeof globalThis.gc !== 'function') return;
  globalThis.gc();
  const file = join(tmpdir(), `bench-heap-${process.pid}`);
  // Written aside and renamed, so the reader never sees half a number.
  writeFileSync(`${file}.tmp`, String(process.memoryUsage().heapUsed));
  renameSync(`${file}.tmp`, file);
});
