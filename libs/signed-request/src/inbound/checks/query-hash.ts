import { createHash } from 'node:crypto';

/**
 * The query parameters a `q` claim can cover, read as Microsoft.IdentityModel's SignedHttpRequest reads them
 * (and the SHR draft §7.5 asks): the raw query split on `&`, each part a `name=value` pair with exactly one
 * `=`, a non-empty name and a non-empty value; names and values stay exactly as percent-encoded in the URI.
 * A name that appears more than once is left out entirely: it cannot be known which value was signed.
 */
export function coverableQueryParameters(rawQuery: string): Map<string, string> {
  const parameters = new Map<string, string>();
  const repeated = new Set<string>();
  if (rawQuery === '') return parameters;
  for (const part of rawQuery.split('&')) {
    const pair = part.split('=');
    if (pair.length !== 2 || pair[0] === '') continue;
    const [name, value] = pair;
    if (parameters.has(name) || repeated.has(name)) {
      parameters.delete(name);
      repeated.add(name);
    } else if (value !== '') {
      parameters.set(name, value);
    }
  }
  return parameters;
}

/** The `q` hash (SHR draft §3.1): base64url of SHA-256 over `name=value` pairs joined by `&`, in `names` order. */
export function queryHash(names: readonly string[], values: ReadonlyMap<string, string>): string {
  const input = names.map((name) => `${name}=${values.get(name) ?? ''}`).join('&');
  return createHash('sha256').update(input, 'utf8').digest('base64url');
}
