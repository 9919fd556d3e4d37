import { setFlagsFromString } from 'node:v8';

// Imported first by main.ts: V8 settings for a long-running request server.
//
// `--no-allocation-site-pretenuring`. V8 starts allocating the objects of a code site directly in the old
// generation once nearly all of them survived young collections. Under a downstream load (50 requests in
// flight for milliseconds each) a site on the shared per-request path can pass that test. From then on every
// request, /healthz included, puts that object in the old generation, where it keeps the request's young
// objects alive through every scavenge until the next full collection (seen with --trace-gc-nvp in some runs
// of a downstream load followed by /healthz, never with this flag; counts in the commit that added this file).
// A sidecar's objects live for one request or for the whole process, so the heuristic has nothing to win here.
setFlagsFromString('--no-allocation-site-pretenuring');
