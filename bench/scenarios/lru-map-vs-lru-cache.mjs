import { join } from 'node:path';
import { ENTRIES } from '../lib/lru-keys.mjs';

// Side by side, no sidecar involved: two bare node:http servers answering from a 20,000-entry cache, one with
// lru-cache (the target row), one with our LruMap (the baseline row), each used the way one of the sidecar's two
// hot caches uses it (bench/servers/lru-server.mjs). The ratio is lru-cache's req/s ÷ LruMap's; PASS means the
// library keeps at least 95% of ours on that path, so it replaces ours there (issue 19, item 7). Until that
// decision LruMap was a hand-written linked list; since, it is lru-cache plus entry handles (lru-map.ts), so the
// by-handle row now weighs a kept handle against a key look-up, and the by-key row the thin layer itself.
// Every request hits the next entry in turn (the servers rotate), so each one also moves an entry to the recent end.

function sideBySide(use) {
  const servers = {};
  const start = async (ctx, implementation) => {
    const port = await ctx.freePort();
    const server = await ctx.startServer({
      name: `${implementation}-${use}`,
      command: process.execPath,
      args: [join(ctx.root, 'bench', 'servers', 'lru-server.mjs'), String(port), implementation, use],
      readyUrl: `http://127.0.0.1:${port}/ready`,
    });
    return { url: `http://127.0.0.1:${port}`, pid: server.pid };
  };
  return {
    targetRatio: 0.95,
    targetLabel: 'lru-cache',
    serverBound: true,
    async prepare(ctx) {
      servers.library = await start(ctx, 'lru-cache');
      servers.ours = await start(ctx, 'lru-map');
    },
    target: () => ({ ...servers.library, path: '/' }),
    baseline: () => ({ ...servers.ours, path: '/' }),
  };
}

/** @type {import('../lib/scenario.mjs').Scenario[]} */
export default [
  {
    name: 'lru-map-vs-lru-cache-by-key',
    description: `The verified-token cache's use (/Validate): look up by the credential's tail, ${ENTRIES} entries.`,
    ...sideBySide('by-key'),
  },
  {
    name: 'lru-map-vs-lru-cache-by-handle',
    description: `The token cache's use (cached token hits): LruMap revisits a kept handle, lru-cache looks the key up; ${ENTRIES} entries.`,
    ...sideBySide('by-handle'),
  },
];
