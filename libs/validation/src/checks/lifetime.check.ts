import { referenceDate } from '../token-format';
import { reject } from '../validation.errors';

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const notTime = (name: string) => reject('TOKEN_MALFORMED', `The token '${name}' is not a finite number.`);

/**
 * Spec G.1: `exp` is required; `exp` and `nbf` are compared with the clock skew allowance (default 5 minutes).
 * `iat` is not compared with anything, but like `nbf` it must be a NumericDate when present (RFC 7519 §4.1.6):
 * a number, and a finite one (`1e400` parses as Infinity, which no clock reaches).
 * Returns `exp` in milliseconds for the verified-token cache.
 */
export function checkLifetime(
  claims: Readonly<Record<string, unknown>>,
  nowMs: number,
  skewMs: number,
): number {
  const { exp, nbf, iat } = claims;
  if (!isTime(exp)) {
    throw reject('TOKEN_NO_EXPIRATION', 'The token has no expiration.', 'The token has no expiration');
  }
  if (nbf !== undefined && !isTime(nbf)) throw notTime('nbf');
  if (iat !== undefined && !isTime(iat)) throw notTime('iat');
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
