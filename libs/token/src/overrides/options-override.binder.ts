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

// Sub-keys after `optionsOverride.`, lower-cased (spec C.5: keys match case-insensitively). Scalars keep the
// last value; empty values under AcquireTokenOptions are skipped.
const SCALARS: Readonly<Record<string, Setter>> = {
  requestapptoken: (t, v) => (t.requestAppToken = parseBool(v) ?? t.requestAppToken),
  relativepath: (t, v) => (t.relativePath = v),
  httpmethod: (t, v) => (t.httpMethod = v),
  contenttype: (t, v) => (t.contentType = v),
  acceptheader: (t, v) => (t.acceptHeader = v),
  'acquiretokenoptions.tenant': (t, v) => (t.acquireTokenOptions.tenant = v),
  'acquiretokenoptions.forcerefresh': (t, v) =>
    (t.acquireTokenOptions.forceRefresh = parseBool(v) ?? t.acquireTokenOptions.forceRefresh),
  'acquiretokenoptions.claims': (t, v) => (t.acquireTokenOptions.claims = v),
  'acquiretokenoptions.correlationid': (t, v) => {
    if (GUID.test(v.trim())) t.acquireTokenOptions.correlationId = v.trim();
  },
  'acquiretokenoptions.fmipath': (t, v) => (t.acquireTokenOptions.fmiPath = v),
  'acquiretokenoptions.longrunningwebapisessionkey': (t, v) =>
    (t.acquireTokenOptions.longRunningWebApiSessionKey = v),
  'acquiretokenoptions.poppublickey': (t, v) => (t.acquireTokenOptions.popPublicKey = v),
  'acquiretokenoptions.managedidentity.userassignedclientid': (t, v) =>
    (t.acquireTokenOptions.managedIdentity = { userAssignedClientId: v }),
};

const HEADER_PREFIX = 'extraheaderparameters.';
const QUERY_PREFIX = 'extraqueryparameters.';

/**
 * Binds `optionsOverride.*` from the raw query string exactly as spec C.5 describes: the prefix and sub-keys
 * match case-insensitively, `Scopes` repeats, `BaseUrl` is never bound, unknown sub-keys are ignored but still
 * count as "an override was supplied".
 */
export function bindOptionsOverride(query: URLSearchParams): BoundOverrides {
  const overrides = emptyOverride();
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
    bindOne(overrides, name, lower, value);
  }
  return { hasAny, baseUrlSupplied, overrides };
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
  const setter = SCALARS[lower];
  if (setter === undefined) return;
  if (lower.startsWith('acquiretokenoptions.') && value === '') return;
  setter(overrides, value);
}
