import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

// CPU layout from dependencies.md §6: servers on CPU 0, the load generator on CPU 1, so the two never
// steal cycles from each other and ratios between runs stay comparable.
export const SERVER_CPU = 0;
export const LOADGEN_CPU = 1;

/** True when `taskset` runs here and there are at least two CPUs to split. */
export function canPin() {
  if (availableParallelism() < 2) return false;
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Prefixes a command with `taskset -c <cpu>` when pinning; taskset execs, so the pid stays the server's. */
export function pinnedCommand(command, args, cpu) {
  return cpu === undefined
    ? { command, args }
    : { command: 'taskset', args: ['-c', String(cpu), command, ...args] };
}

/** Pins every thread of the current process (autocannon runs in it) to one CPU. Returns success. */
export function pinSelf(cpu) {
  return (
    spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(process.pid)], { stdio: 'ignore' }).status ===
    0
  );
}
