import { createPublicKey, type KeyObject } from 'node:crypto';

/** A published signing key ready for `crypto.verify`, with what it may verify. */
export interface SigningKey {
  readonly kid?: string;
  readonly x5t?: string;
  readonly key: KeyObject;
  /** The only `alg` values a token signed with this key may name. */
  readonly algorithms: ReadonlySet<string>;
  /** Entra's JWKS `issuer` (possibly `{tenantid}`-templated): the tenant this key may sign for (spec G.3). */
  readonly issuer?: string;
}

const MIN_RSA_BITS = 2048;
const EC_ALGORITHM: Readonly<Record<string, string>> = {
  'P-256': 'ES256',
  'P-384': 'ES384',
  'P-521': 'ES512',
};
const RSA_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512']);

// Only asymmetric algorithms, and only those the key itself declares. Entra's keys carry no `alg`: RSA keys
// then verify RS256 only (all Entra issues), EC keys the one algorithm of their curve.
function allowedAlgorithms(jwk: Record<string, unknown>): string[] {
  const declared = typeof jwk.alg === 'string' ? jwk.alg : undefined;
  if (jwk.kty === 'RSA')
    return declared === undefined ? ['RS256'] : RSA_ALGORITHMS.has(declared) ? [declared] : [];
  if (jwk.kty === 'EC') {
    const curveAlgorithm = EC_ALGORITHM[String(jwk.crv)];
    if (curveAlgorithm === undefined) return [];
    return declared === undefined || declared === curveAlgorithm ? [curveAlgorithm] : [];
  }
  return [];
}

/** A usable key from one JWKS entry, or undefined for entries this validator must not use. */
export function toSigningKey(jwk: Record<string, unknown>): SigningKey | undefined {
  if (jwk.use !== undefined && jwk.use !== 'sig') return undefined;
  const algorithms = allowedAlgorithms(jwk);
  if (algorithms.length === 0) return undefined;
  let key: KeyObject;
  try {
    // Only the public members are handed over: a JWKS that leaks `d` must not turn into a private key here.
    const { kty, n, e, crv, x, y } = jwk;
    key = createPublicKey({ key: { kty, n, e, crv, x, y } as never, format: 'jwk' });
  } catch {
    return undefined;
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) return undefined;
  return {
    kid: typeof jwk.kid === 'string' ? jwk.kid : undefined,
    x5t: typeof jwk.x5t === 'string' ? jwk.x5t : undefined,
    key,
    algorithms: new Set(algorithms),
    issuer: typeof jwk.issuer === 'string' ? jwk.issuer : undefined,
  };
}
