import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ); 100 on every Linux we run on.
const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

/** CPU time (user + system, µs) a process has used so far, or undefined without a pid or where /proc cannot tell. */
export function processCpuMicros(pid) {
  if (pid === undefined) return undefined;
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Field 2 (the command) may contain spaces and parentheses; the fields after its last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / ticksPerSecond;
}

/**
 * Starts a CPU meter on a server process and on this one (autocannon, the load generator, runs here).
 * `stop(seconds)` gives how busy each was over that wall time, 0–1 per core: a server below ~0.9 while
 * the generator is near 1 was not the limit of that run.
 */
export function startCpuMeter(serverPid) {
  const server = processCpuMicros(serverPid);
  const generator = process.cpuUsage();
  return {
    stop(seconds) {
      const used = process.cpuUsage(generator);
      const serverNow = processCpuMicros(serverPid);
      return {
        serverBusy:
          server === undefined || serverNow === undefined
            ? undefined
            : (serverNow - server) / (seconds * 1e6),
        generatorBusy: (used.user + used.system) / (seconds * 1e6),
      };
    },
  };
}

/** A busy share (0–1 of a core) as the bench prints it, e.g. `93%`. */
export const percentOfCore = (busy) => `${Math.round(busy * 100)}%`;
