import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { spawnTracked, stopChild } from './children.mjs';

/** One GET; resolves to the status code, or 0 when nothing answers yet (refused, reset, timeout). */
function probe(url) {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 500, agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/**
 * Starts a server child and waits for its readiness URL to answer 200, polling every `pollMs`.
 * `readyMs` is spawn → first 200, the sidecar's TIME TO READY. Rejects (after killing the child) when
 * the child exits early or is not ready within `timeoutMs`, with the tail of its output.
 */
export async function startServer({ readyUrl, pollMs = 10, timeoutMs = 30_000, ...spawnOptions }) {
  const started = performance.now();
  const proc = spawnTracked(spawnOptions);
  let exited = null;
  proc.child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  for (;;) {
    if (exited !== null) {
      throw new Error(`${proc.name} exited (${exited}) before ${readyUrl} answered 200:\n${proc.output()}`);
    }
    if ((await probe(readyUrl)) === 200) break;
    if (performance.now() - started > timeoutMs) {
      await stopChild(proc.child);
      throw new Error(`${proc.name} not ready at ${readyUrl} after ${timeoutMs} ms:\n${proc.output()}`);
    }
    await sleep(pollMs);
  }
  const readyMs = performance.now() - started;
  return { ...proc, pid: proc.child.pid, readyMs, stop: () => stopChild(proc.child) };
}
