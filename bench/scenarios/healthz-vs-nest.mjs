import { join } from 'node:path';

let baselineUrl;

/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'healthz-vs-nest',
  description:
    'GET /healthz vs a bare NestJS + Fastify app: the cost of the sidecar pipeline over the framework.',
  // Goal: the sidecar's hooks and modules cost at most a fifth of the framework's own throughput.
  targetRatio: 0.8,
  async prepare(ctx) {
    const port = await ctx.freePort();
    await ctx.startServer({
      name: 'nest-fastify-trivial',
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'nest-fastify-trivial.mjs'), String(port)],
      readyUrl: `http://127.0.0.1:${port}/healthz`,
    });
    baselineUrl = `http://127.0.0.1:${port}`;
    return { env: {} };
  },
  target: () => ({ path: '/healthz' }),
  baseline: () => ({ url: baselineUrl, path: '/healthz' }),
};
