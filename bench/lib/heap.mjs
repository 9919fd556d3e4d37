import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Node flags that let `liveHeapBytes` measure a server started with them. */
export const HEAP_PROBE_ARGS = ['--expose-gc', '--require', resolve(import.meta.dirname, 'heap-probe.cjs')];

/**
 * The live heap (`heapUsed`) and resident set (`rss`) of a process started with HEAP_PROBE_ARGS, in bytes, after
 * a full garbage collection and once the freed pages went back to the system. Asks by signal and reads the
 * answer from a file, so it needs nothing from the server's HTTP side. Only for such a process: one without a
 * SIGUSR2 handler is ended by the signal.
 */
export async function memoryAfterGc(pid, timeoutMs = 10_000) {
  const file = join(tmpdir(), `bench-heap-${pid}`);
  await rm(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(20)) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) {
      await rm(file, { force: true });
      return JSON.parse(text);
    }
  }
  throw new Error(
    `process ${pid} did not report its heap within ${timeoutMs} ms (started without the probe?)`,
  );
}

/** The live heap of a process started with HEAP_PROBE_ARGS, after a full garbage collection (bytes). */
export async function liveHeapBytes(pid, timeoutMs = 10_000) {
  return (await memoryAfterGc(pid, timeoutMs)).heapUsed;
}

/** The resident set of a process as the kernel counts it now (bytes); no collection first. Linux only. */
export async function residentBytes(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}
