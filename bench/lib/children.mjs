import { spawn } from 'node:child_process';
import { pinnedCommand } from './pinning.mjs';

/** Every child the bench started; all are killed on exit, ctrl-C or a crash of the bench. */
const live = new Set();
let exitHooked = false;

function killAll(signal) {
  for (const child of live) child.kill(signal);
}

/**
 * For the bench CLI only (a test runner owns its own signals): ctrl-C / SIGTERM / SIGHUP give children a
 * SIGTERM and exit, which runs the 'exit' backstop below.
 */
export function killChildrenOnSignals() {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      killAll('SIGTERM');
      process.exit(130);
    });
  }
}

// 'exit' handlers run synchronously, so only a SIGKILL is reliable there.
function killOnExit() {
  if (exitHooked) return;
  exitHooked = true;
  process.on('exit', () => killAll('SIGKILL'));
}

/**
 * Spawns a long-running child, keeps the tail of its output for error messages, and tracks it so it
 * never outlives the bench. `cpu` pins it with taskset (see pinning.mjs).
 */
export function spawnTracked({ name, command, args = [], env = {}, cpu, cwd }) {
  killOnExit();
  const pinned = pinnedCommand(command, args, cpu);
  const child = spawn(pinned.command, pinned.args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = [];
  const keep = (chunk) => {
    tail.push(...chunk.toString().split('\n').filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  live.add(child);
  child.once('exit', () => live.delete(child));
  return { name, child, output: () => tail.join('\n') };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child is gone. */
export function stopChild(child, graceMs = 2000) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
