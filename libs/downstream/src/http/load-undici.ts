import type * as Undici from 'undici';

let loaded: typeof Undici | undefined;

/**
 * undici, loaded on the first downstream call: requiring it costs ~70 ms on one core, start-up time every
 * sidecar would pay before its first /healthz answer although many never call a downstream API.
 */
export function loadUndici(): typeof Undici {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  loaded ??= require('undici') as typeof Undici;
  return loaded;
}
