import { reject } from '../validation.errors';

/**
 * Header rules before any key is chosen (RFC 7515 §4.1): `alg` must be a string; `crit` is refused because this
 * validator understands no extension (§4.1.11); `jku`, `x5u`, `jwk` and `x5c` are never read, so a token can
 * never pick its own key.
 */
export function checkHeader(header: Record<string, unknown>): { alg: string; kid?: string } {
  if (header.crit !== undefined) {
    throw reject('CRIT_NOT_SUPPORTED', "The token header has a 'crit' member, which is not supported.");
  }
  if (typeof header.alg !== 'string') throw reject('TOKEN_MALFORMED', "The token header has no 'alg'.");
  const kid =
    typeof header.kid === 'string' ? header.kid : typeof header.x5t === 'string' ? header.x5t : undefined;
  return { alg: header.alg, kid };
}
