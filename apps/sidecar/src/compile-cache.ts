import * as nodeModule from 'node:module';

type EnableCompileCache = (directory?: string) => unknown;

/**
 * Node 22.1 and later can keep the V8 code it compiles for a module on disk and reuse it at the next start
 * (`module.enableCompileCache`); Node 20 cannot, and then this does nothing. NODE_COMPILE_CACHE, when set,
 * wins (Node has enabled the cache there before any of our code ran); NODE_DISABLE_COMPILE_CACHE=1 turns it
 * off. A directory that cannot be created or written, as on a read-only root file system, only means that
 * there is no cache: a start never fails or waits because of it.
 */
export function enableCompileCache(directory: string): void {
  const enable = (nodeModule as { enableCompileCache?: EnableCompileCache }).enableCompileCache;
  try {
    enable?.(directory);
  } catch {
    // an unusable cache is no reason not to start
  }
}
