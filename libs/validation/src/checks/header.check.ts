import { reject } from '../validation.errors';

/**
 * Header rules before any key is chosen (RFC 7515 §4.1): `alg` must be a string; `crit` is refused because this
 * validator understands no extension (§4.1.11); `jku`, `x5u`, `jwk` and `x5c` are never read, so a token can
 * never pick its own key. `kid` and `x5t` are strings when present (§4.1.4, §4.1.7): a `kid` of `1`, `null` or
 * `{}` names no key, and must not fall back to trying every key as a token without `kid` does.
 */
export function checkHeader(header: Record<string, unknown>): { alg: string; kid?: string } {
  if (header.crit !== undefined) {
    throw reject('CRIT_NOT_SUPPORTED', "The token header has a 'crit' member, which is not supported.");
  }
  const { alg, kid, x5t } = header;
  if (typeof alg !== 'string') throw reject('TOKEN_MALFORMED', "The token header has no 'alg'.");
  if (kid !== undefined && typeof kid !== 'string') throw notText('kid');
  if (x5t !== undefined && typeof x5t !== 'string') throw notText('x5t');
  return { alg, kid: kid ?? x5t };
}

const notText = (name: string) => reject('TOKEN_MALFORMED', `The token header's '${name}' is not a string.`);
