// Types for node-flags.mjs.
/** V8 flags of the sidecar's launch command. */
export const SIDECAR_NODE_FLAGS: readonly string[];
