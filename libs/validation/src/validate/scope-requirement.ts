/**
 * Spec C.2/G.5 with decisions §2: when `AzureAd:Scopes` is set, `scp` (or `scope`), split on spaces, must
 * contain one of them. Returns the reference's 403 text (with its trailing space), or undefined when satisfied.
 */
export function missingScopeText(
  claims: Readonly<Record<string, unknown>>,
  required: readonly string[],
): string | undefined {
  if (required.length === 0) return undefined;
  const granted = claims.scp ?? claims.scope;
  const scopes = typeof granted === 'string' ? granted.split(' ') : [];
  if (required.some((scope) => scopes.includes(scope))) return undefined;
  return `IDW10203: The 'scope' or 'scp' claim does not contain scopes '${required.join(' ')}' or was not found. `;
}
