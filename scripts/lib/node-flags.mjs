// The sidecar's node flags, in one place for everything in this repository that starts the built sidecar: the demo,
// the bench and the tests. The image's CMD, `npm start` and compose write them out; test/delivery/docker.e2e-spec.ts
// holds those to this list.

/**
 * V8 flags of the sidecar's launch command (docs/performance.md, "V8 flags"): no allocation-site pretenuring, and
 * a young generation bounded at two 4 MiB semi-spaces.
 */
export const SIDECAR_NODE_FLAGS = ['--no-allocation-site-pretenuring', '--max-semi-space-size=4'];
