// The demo's child processes: output to `.tmp/demo-<name>.log`, the last lines kept for error messages,
// their own process group (the terminal's Ctrl-C reaches only the demo, which then stops them in order).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ROOT, TMP_DIR } from './demo-config.mjs';

const KEPT_LINES = 40;

// Only what node needs: the developer's shell may hold AzureAd__* variables that must not leak into the demo.
function baseEnvironment() {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SystemRoot', 'LANG', 'TZ'];
  return Object.fromEntries(
    keep.filter((name) => process.env[name]).map((name) => [name, process.env[name]]),
  );
}

/**
 * Starts `node ...nodeFlags <main> ...args`; the handle knows its log, its last lines, its first stdout line and
 * its exit.
 */
export function startChild(name, main, args, env = {}, nodeFlags = []) {
  mkdirSync(TMP_DIR, { recursive: true });
  const logFile = resolve(TMP_DIR, `demo-${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeFlags, main, ...args], {
    cwd: ROOT,
    env: { ...baseEnvironment(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const lines = [];
  let firstLine;
  const firstLineReady = new Promise((resolveLine) => (firstLine = resolveLine));
  const collect = (stream, isStdout) => {
    let partial = '';
    stream.on('data', (chunk) => {
      log.write(chunk);
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop();
      for (const line of parts) {
        if (isStdout) firstLine(line);
        lines.push(line);
        if (lines.length > KEPT_LINES) lines.shift();
      }
    });
  };
  collect(child.stdout, true);
  collect(child.stderr, false);
  const exited = new Promise((done) =>
    child.once('exit', (code, signal) => {
      log.end();
      firstLine(undefined);
      done({ code, signal });
    }),
  );
  return {
    name,
    child,
    logFile: relative(process.cwd(), logFile) || logFile,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
    /** The first line on stdout (undefined if the process ended first). */
    firstLine: () => firstLineReady,
    tail: (count = 15) => lines.slice(-count),
    /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has ended. */
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Resolves when `check()` is true; rejects on timeout or when the child ends first, with its last output. */
export async function waitUntil(handle, what, check, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!handle.running()) throw childFailure(handle, `${handle.name} exited before ${what}`);
    if (await check().catch(() => false)) return;
    await new Promise((wait) => setTimeout(wait, 150));
  }
  throw childFailure(handle, `${handle.name}: no ${what} within ${Math.round(timeoutMs / 1000)} s`);
}

export function childFailure(handle, message) {
  const tail = handle.tail().map((line) => `    ${line}`);
  const output =
    tail.length > 0
      ? `\n  last lines of ${handle.logFile}:\n${tail.join('\n')}`
      : ` (no output; see ${handle.logFile})`;
  return new Error(`${message}${output}`);
}
