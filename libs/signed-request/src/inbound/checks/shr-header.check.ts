import { refuse } from '../signed-request.errors';

/** Asymmetric JWS algorithms only (RFC 7518 §3.1): never `none`, never an HMAC keyed with a public key. */
export const SHR_ALGORITHMS: ReadonlySet<string> = new Set([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
]);

/**
 * The SHR's JOSE header (draft-ietf-oauth-signed-http-request §3): `typ` is `pop`, so an ordinary JWT that
 * happens to carry an `at` claim is never taken for a signed request; `alg` is asymmetric; `crit` is refused,
 * as this validator understands no extension. Returns the algorithm.
 */
export function checkShrHeader(header: Readonly<Record<string, unknown>>): string {
  if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'pop') {
    throw refuse('HEADER_INVALID', "The signed HTTP request's header must have typ 'pop'.");
  }
  if (header.crit !== undefined) {
    throw refuse(
      'HEADER_INVALID',
      "The signed HTTP request's header has a 'crit' member, which is not supported.",
    );
  }
  if (typeof header.alg !== 'string' || !SHR_ALGORITHMS.has(header.alg)) {
    throw refuse(
      'ALGORITHM_NOT_ALLOWED',
      'The signed HTTP request must be signed with RS*, PS* or ES* algorithms.',
    );
  }
  return header.alg;
}
