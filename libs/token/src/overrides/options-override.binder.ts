import { isOverrideKeyAllowed } from '@app/config';
import type { QueryParameters } from '@app/token-core';
import { GUID } from './guid';
import { type BoundOverrides, emptyOverride, type OptionsOverride } from './options-override';

const PREFIX = 'optionsoverride.';

/** .NET's bool binding: `true`/`false` in any casing; anything else is ignored. */
function parseBool(value: string): boolean | undefined {
  const normalised = value.trim().toLowerCase();
  if (normalised === 'true') return true;
  if (normalised === 'false') return false;
  return undefined;
}

type Setter = (target: OptionsOverride, value: string) => void;

// Sub-keys after `optionsOverride.`, in their documented casing (spec C.5). Scalars keep the last value; empty
// values under AcquireTokenOptions are skipped.
const SETTERS: Readonly<Record<string, Setter>> = {
  RequestAppToken: (t, v) => (t.requestAppToken = parseBool(v) ?? t.requestAppToken),
  RelativePath: (t, v) => (t.relativePath = v),
  HttpMethod: (t, v) => (t.httpMethod = v),
  ContentType: (t, v) => (t.contentType = v),
  AcceptHeader: (t, v) => (t.acceptHeader = v),
  'AcquireTokenOptions.Tenant': (t, v) => (t.acquireTokenOptions.tenant = v),
  'AcquireTokenOptions.ForceRefresh': (t, v) =>
    (t.acquireTokenOptions.forceRefresh = parseBool(v) ?? t.acquireTokenOptions.forceRefresh),
  'AcquireTokenOptions.Claims': (t, v) => (t.acquireTokenOptions.claims = v),
  'AcquireTokenOptions.CorrelationId': (t, v) => {
    if (GUID.test(v.trim())) t.acquireTokenOptions.correlationId = v.trim();
  },
  'AcquireTokenOptions.FmiPath': (t, v) => (t.acquireTokenOptions.fmiPath = v),
  'AcquireTokenOptions.LongRunningWebApiSessionKey': (t, v) =>
    (t.acquireTokenOptions.longRunningWebApiSessionKey = v),
  'AcquireTokenOptions.PopPublicKey': (t, v) => (t.acquireTokenOptions.popPublicKey = v),
  'AcquireTokenOptions.ManagedIdentity.UserAssignedClientId': (t, v) =>
    (t.acquireTokenOptions.managedIdentity = { userAssignedClientId: v }),
};

// The same, found by the lower-case key (spec C.5: keys match case-insensitively).
const SCALARS: ReadonlyMap<string, { readonly name: string; readonly set: Setter }> = new Map(
  Object.entries(SETTERS).map(([name, set]) => [name.toLowerCase(), { name, set }]),
);

const HEADER_PREFIX = 'extraheaderparameters.';
const QUERY_PREFIX = 'extraqueryparameters.';

/**
 * Binds `optionsOverride.*` from the raw query string exactly as spec C.5 describes: the prefix and sub-keys
 * match case-insensitively, `Scopes` repeats, `BaseUrl` is never bound, unknown sub-keys are ignored but still
 * count as "an override was supplied". With `keys` (`Sidecar:AllowOverrides:Keys`), a key it does not list is
 * not bound either, and is reported in `ignoredKeys`.
 */
export function bindOptionsOverride(query: QueryParameters, keys?: readonly string[]): BoundOverrides {
  const overrides = emptyOverride();
  const ignoredKeys = new Set<string>();
  let hasAny = false;
  let baseUrlSupplied = false;
  for (const [key, value] of query) {
    if (!key.toLowerCase().startsWith(PREFIX)) continue;
    const name = key.slice(PREFIX.length);
    const lower = name.toLowerCase();
    if (lower === 'baseurl') {
      baseUrlSupplied = true;
      continue;
    }
    hasAny = true;
    const path = bindablePath(lower);
    if (path !== undefined && !isOverrideKeyAllowed(keys, lower)) ignoredKeys.add(path);
    else bindOne(overrides, name, lower, value);
  }
  return { hasAny, baseUrlSupplied, overrides, ignoredKeys: [...ignoredKeys] };
}

// The key as a log names it, for the keys the binder knows (an extra header or parameter by its section only:
// the name is the caller's); undefined for a sub-key nothing binds.
function bindablePath(lower: string): string | undefined {
  if (lower.startsWith(HEADER_PREFIX)) return 'ExtraHeaderParameters';
  if (lower.startsWith(QUERY_PREFIX)) return 'ExtraQueryParameters';
  return lower === 'scopes' ? 'Scopes' : SCALARS.get(lower)?.name;
}

function bindOne(overrides: OptionsOverride, name: string, lower: string, value: string): void {
  if (lower === 'scopes') {
    if (value.trim() !== '') overrides.scopes.push(value);
    return;
  }
  if (lower.startsWith(HEADER_PREFIX) || lower.startsWith(QUERY_PREFIX)) {
    const isHeader = lower.startsWith(HEADER_PREFIX);
    // The header or parameter name keeps the casing the caller gave it.
    const entryName = name.slice((isHeader ? HEADER_PREFIX : QUERY_PREFIX).length);
    if (entryName === '' || value === '') return;
    (isHeader ? overrides.extraHeaderParameters : overrides.extraQueryParameters)[entryName] = value;
    return;
  }
  const scalar = SCALARS.get(lower);
  if (scalar === undefined) return;
  if (lower.startsWith('acquiretokenoptions.') && value === '') return;
  scalar.set(overrides, value);
}
