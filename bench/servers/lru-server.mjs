// Bare node:http answering from a cache of 20,000 entries, held in our LruMap or in lru-cache, the way one of the
// sidecar's two hot caches uses it (the lru-map-vs-lru-cache rows). Each request reads the next entry in turn,
// chosen here rather than by the load generator, whose per-request headers would make it the bottleneck:
//   by-key:    the verified-token cache (/Validate): the credential's last 64 characters (a new string each
//              time, hashed on each look-up) find the entry, the whole credential must equal the stored one.
//   by-handle: the token cache (cached token hits): LruMap's entry handle is revisited and the answer is the
//              note kept on it; lru-cache has no handles, so the key is looked up each time.
// Usage: node bench/servers/lru-server.mjs <port> <lru-map|lru-cache> <by-key|by-handle>   (127.0.0.1 only)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LRUCache } from 'lru-cache';
import ts from 'typescript';
import { credentialOf, ENTRIES } from '../lib/lru-keys.mjs';

const [port, implementation, use] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The sidecar's own LruMap, compiled from its source. Written inside the repository (bench/results, git-ignored)
 * so that its one import, lru-cache, resolves from the project's node_modules.
 */
async function loadLruMap() {
  const source = readFileSync(join(root, 'libs', 'collections', 'src', 'lru-map.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2023 },
  });
  const directory = join(root, 'bench', 'results', `lru-map-${process.pid}`);
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'lru-map.mjs');
  writeFileSync(file, outputText);
  return (await import(pathToFileURL(file).href)).LruMap;
}

const answerOf = (index) => JSON.stringify({ authorizationHeader: `Bearer token-${index}` });
const credentials = Array.from({ length: ENTRIES }, (_, index) => credentialOf(index));
const keyOf = (credential) => credential.slice(-64);

let next = 0;
const nextIndex = () => (next = (next + 1) % ENTRIES);

/** The request's answer, or undefined for a miss (answered 404, which the bench counts as unexpected). */
function byKeyLookup(cache) {
  for (const [index, credential] of credentials.entries()) {
    cache.set(keyOf(credential), { credential, answer: answerOf(index) });
  }
  return () => {
    const credential = credentials[nextIndex()];
    const entry = cache.get(keyOf(credential));
    return entry !== undefined && entry.credential === credential ? entry.answer : undefined;
  };
}

function byHandleLookup(LruMap) {
  if (LruMap !== undefined) {
    const map = new LruMap(ENTRIES);
    const handles = credentials.map((credential, index) => {
      const handle = map.set(keyOf(credential), credential);
      map.note(handle, credential, answerOf(index));
      return handle;
    });
    return () => {
      const handle = handles[nextIndex()];
      return handle !== undefined && map.revisit(handle) !== undefined ? map.noteOf(handle) : undefined;
    };
  }
  const cache = new LRUCache({ max: ENTRIES });
  const keys = credentials.map(keyOf);
  keys.forEach((key, index) => cache.set(key, { credential: credentials[index], answer: answerOf(index) }));
  return () => {
    const key = keys[nextIndex()];
    return key === undefined ? undefined : cache.get(key)?.answer;
  };
}

const LruMap = implementation === 'lru-map' ? await loadLruMap() : undefined;
const lookup =
  use === 'by-key'
    ? byKeyLookup(LruMap !== undefined ? new LruMap(ENTRIES) : new LRUCache({ max: ENTRIES }))
    : byHandleLookup(LruMap);

createServer((request, response) => {
  if (request.url === '/ready') return response.end('ready');
  const answer = lookup();
  response.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/json; charset=utf-8' });
  response.end(answer ?? '{}');
}).listen(Number(port), '127.0.0.1');
