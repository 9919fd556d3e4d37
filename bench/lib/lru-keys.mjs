// The 20,000 entries both LRU servers hold, and the credential of each (shared by bench/servers/lru-server.mjs and
// bench/scenarios/lru-map-vs-lru-cache.mjs, so the load and the servers agree without talking).
import { createHash } from 'node:crypto';

export const ENTRIES = 20_000;

// Like a bearer token: about 1.2 KB whose last 64 characters tell it apart (the verified-token cache's key).
const BODY = 'e'.repeat(1_150);

/** The credential of entry `index`. */
export const credentialOf = (index) =>
  `${BODY}.${createHash('sha256').update(String(index)).digest('base64url').padEnd(64, 'x').slice(0, 64)}`;
