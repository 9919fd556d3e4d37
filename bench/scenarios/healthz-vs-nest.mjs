import { join } from 'node:path';

let nest;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'healthz-vs-nest',
  description:
    'GET /healthz vs a bare NestJS + Fastify app: the cost of the sidecar pipeline over the framework.',
  // Goal: the sidecar's hooks and modules cost at most a fifth of the framework's own throughput.
  targetRatio: 0.8,
  serverBound: true,
  target: () => ({ path: '/healthz' }),
  // Started with the row and stopped after it, like the sidecar: a Node process that has sat idle for a while
  // serves slower for long afterwards, so an app started before the whole run would flatter the sidecar.
  async baseline(ctx) {
    const port = await ctx.freePort();
    const url = `http://127.0.0.1:${port}`;
    nest = await ctx.startServer({
      name: 'nest-fastify-trivial',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'nest-fastify-trivial.mjs'), String(port)],
      readyUrl: `${url}/healthz`,
    });
    return { url, pid: nest.pid, path: '/healthz' };
  },
  after: async () => {
    await nest?.stop();
    return {};
  },
};
