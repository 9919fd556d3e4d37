/** @type {import('../lib/scenario.mjs').Scenario} */
export default {
  name: 'healthz',
  description: 'GET /healthz (liveness, plain "Healthy"): the framework floor of every request.',
  // dependencies.md §6 measured Nest+fastify at 0.65–0.85x raw node:http for a trivial GET.
  targetRatio: 0.6,
  serverBound: true,
  target: () => ({ path: '/healthz' }),
  baseline: () => ({ path: '/healthz' }),
};
