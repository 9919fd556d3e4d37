import { entraErrors } from '../http/entra-error';

/**
 * `token_type=pop` + `req_cnf`: the token is bound to the caller's key. `req_cnf` is base64url JSON holding a
 * `kid` and/or a `jwk`; the access token carries it back as `cnf`.
 */
export function confirmationClaim(
  form: Readonly<Record<string, string>>,
): Record<string, unknown> | undefined {
  if (form.token_type !== 'pop') return undefined;
  if (!form.req_cnf) throw entraErrors.missingParameter('req_cnf');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(form.req_cnf, 'base64url').toString('utf8'));
  } catch {
    throw entraErrors.invalidRequest('The req_cnf parameter is not valid base64url-encoded JSON.');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw entraErrors.invalidRequest('The req_cnf parameter is invalid.');
  const { kid, jwk } = parsed as { kid?: unknown; jwk?: unknown };
  if (typeof kid !== 'string' && (typeof jwk !== 'object' || jwk === null)) {
    throw entraErrors.invalidRequest('The req_cnf parameter must carry a kid or a jwk.');
  }
  return { ...(typeof kid === 'string' ? { kid } : {}), ...(jwk ? { jwk } : {}) };
}
