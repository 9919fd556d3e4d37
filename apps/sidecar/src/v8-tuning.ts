import { setFlagsFromString } from 'node:v8';

// Imported first by main.ts: V8 settings for a long-running request server.
//
// `--no-allocation-site-pretenuring`. V8 starts allocating the objects of a code site directly in the old
// generation once nearly all of them survived young collections. Under a downstream load (50 requests in
// flight for milliseconds each) a site on the shared per-request path can pass that test. From then on every
// request, /healthz included, puts that object in the old generation, where it keeps the request's young
// objects alive through every scavenge until the next full collection: each scavenge copied ~2 MB instead of
// ~15 KB and took ~5 ms instead of ~0.5 ms, and /healthz lost about a third of its throughput for as long as
// the process ran. It happened in about one run in three of a downstream load followed by /healthz with the
// undici client, and in none of 18 runs with this flag (--trace-gc-nvp, --trace-pretenuring-statistics). A
// sidecar's objects live for one request or for the process, so the heuristic has nothing to gain here.
setFlagsFromString('--no-allocation-site-pretenuring');
