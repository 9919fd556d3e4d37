import { join } from 'node:path';

/**
 * Calibration, no goal: the bare node:http baseline made to spend 5 or 10 µs of CPU per request, against the
 * plain baseline in the same run. Turns the goals' ratios into microseconds: on loopback a slower server also
 * pays more per response in the kernel (the load generator has gone idle and must be woken), so the ratio falls
 * faster than CPU time alone would say.
 * @returns {import('../lib/scenario.mjs').Scenario}
 */
function busyBaseline(workUs) {
  let url;
  let pid;
  return {
    name: `calibration-busy-${workUs}us`,
    description: `bare node:http spending ${workUs} µs of CPU per request vs bare node:http.`,
    targetLabel: `+${workUs} µs`,
    serverBound: true,
    async prepare(ctx) {
      const port = await ctx.freePort();
      const server = await ctx.startServer({
        name: `busy-baseline-${workUs}us`,
        command: process.execPath,
        args: [join(ctx.root, 'bench', 'servers', 'busy-baseline.mjs'), String(port), String(workUs)],
        readyUrl: `http://127.0.0.1:${port}/healthz`,
      });
      url = `http://127.0.0.1:${port}`;
      pid = server.pid;
    },
    target: () => ({ url, pid, path: '/healthz' }),
    baseline: () => ({ path: '/healthz' }),
  };
}

export default [busyBaseline(5), busyBaseline(10)];
