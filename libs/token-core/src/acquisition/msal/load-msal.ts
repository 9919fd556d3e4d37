import type * as Msal from '@azure/msal-node';

let loaded: typeof Msal | undefined;

/**
 * msal-node, loaded on first use. Most of the sidecar's start-up time is module loading (about 60 ms of it
 * msal-node on one core), and msal is only needed when the first token is requested.
 */
export function loadMsal(): typeof Msal {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
  loaded ??= require('@azure/msal-node') as typeof Msal;
  return loaded;
}
