import { join } from 'node:path';
import { enableCompileCache } from './compile-cache';

/** Writes the compile cache of the bundle and exits, without starting (an image build runs it once). */
const COMPILE_CACHE_ONLY = '--compile-cache-only';

// This file is small on purpose: it turns the compile cache on before Node reads the bundle, sidecar.js, so
// that a start after the first reuses the bundle's compiled code (docs/deployment.md, Start-up). The cache sits
// next to the code it was compiled from, with that folder's permissions (the image writes it once, then locks it).
enableCompileCache(join(__dirname, 'compile-cache'));

// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the cache is on, see above
const { start } = require('./bootstrap') as typeof import('./bootstrap');
if (!process.argv.includes(COMPILE_CACHE_ONLY)) start();
