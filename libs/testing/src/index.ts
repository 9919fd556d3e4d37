// Shared helpers for specs and end-to-end tests: real loopback servers and timer probes. Only spec and
// test files may import this lib (eslint.config.mjs); the production build leaves it out (tsconfig.build.json).

/** A loopback server that records what it received (`serve`), closed by `closeServers` after each test. */
export { closeServers, serve, servers, TEST_OUTBOUND_LIMITS } from './loopback-server';
/** A real loopback HTTP server standing in for a downstream API or an authority, and a JSON responder. */
export { type DownstreamServer, json, type Responder, startDownstream } from './downstream-server';
/** Runs an action with the global timers spied on, to check that a code path clears the timer it armed. */
export { timersDuring } from './timer-spies';
/** `Sidecar:PopValidation` settings at their defaults, with a spec's overrides. */
export { popValidationSettings } from './pop-validation-settings';
