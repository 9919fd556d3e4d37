import { referenceDate } from '../token-format';
import { reject } from '../validation.errors';

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Spec G.1: `exp` is required; `exp` and `nbf` are compared with the clock skew allowance (default 5 minutes).
 * Returns `exp` in milliseconds for the verified-token cache.
 */
export function checkLifetime(
  claims: Readonly<Record<string, unknown>>,
  nowMs: number,
  skewMs: number,
): number {
  const { exp, nbf } = claims;
  if (!isTime(exp)) {
    throw reject('TOKEN_NO_EXPIRATION', 'The token has no expiration.', 'The token has no expiration');
  }
  if (nbf !== undefined && !isTime(nbf)) throw reject('TOKEN_MALFORMED', "The token 'nbf' is not a number.");
  if (nowMs - skewMs >= exp * 1000) {
    const text = `The token expired at '${referenceDate(exp)}'`;
    throw reject('TOKEN_EXPIRED', text, text);
  }
  if (nbf !== undefined && nowMs + skewMs < nbf * 1000) {
    const text = `The token is not valid before '${referenceDate(nbf)}'`;
    throw reject('TOKEN_NOT_YET_VALID', text, text);
  }
  return exp * 1000;
}
