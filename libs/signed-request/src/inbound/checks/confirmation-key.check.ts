import { createPublicKey, type KeyObject } from 'node:crypto';
import type { SignedHttpRequest } from '../signed-http-request';
import { refuse } from '../signed-request.errors';
import { jwkThumbprint } from './jwk-thumbprint';

/** The key the access token confirms (RFC 7800), ready to verify the SHR's signature. */
export interface ConfirmationKey {
  readonly key: KeyObject;
  /** The only `alg` values an SHR signed with this key may name. */
  readonly algorithms: readonly string[];
  /** RFC 7638 thumbprint: names the signer for replay protection. */
  readonly thumbprint: string;
}

// Members that make a JWK private (RFC 7518 §6.2.2, §6.3.2, §6.4.1): a signer never has to send them.
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_ALGORITHM = new Map([
  ['P-256', 'ES256'],
  ['P-384', 'ES384'],
  ['P-521', 'ES512'],
]);
const MIN_RSA_BITS = 2048;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const invalidKey = (detail: string) => refuse('POP_KEY_INVALID', detail);

/**
 * The SHR's key from the embedded token's `cnf` (spec G.7):
 * - `cnf.jwk`: that key;
 * - `cnf.kid` only: the key the SHR carries itself (payload `cnf.jwk`, else header `jwk`), accepted only if its
 *   RFC 7638 thumbprint is `cnf.kid` — the token binds the thumbprint, the SHR brings the key it names.
 * Never a remote key (`jku`, `x5u`): the sidecar fetches nothing on a caller's behalf.
 */
export function confirmationKey(
  tokenClaims: Readonly<Record<string, unknown>>,
  signed: SignedHttpRequest,
): ConfirmationKey {
  const cnf = tokenClaims.cnf;
  if (!isObject(cnf)) {
    throw refuse('CONFIRMATION_MISSING', "The access token in the signed HTTP request has no 'cnf' claim.");
  }
  if (isObject(cnf.jwk)) return publicKeyOf(cnf.jwk);
  if (typeof cnf.kid !== 'string' || cnf.kid === '') {
    throw refuse('CONFIRMATION_MISSING', "The access token's 'cnf' claim has neither a 'jwk' nor a 'kid'.");
  }
  const carried = isObject(signed.payload.cnf) ? signed.payload.cnf.jwk : signed.header.jwk;
  if (!isObject(carried)) {
    throw refuse(
      'POP_KEY_INVALID',
      "The access token names its key by 'cnf.kid', and the signed HTTP request carries no 'jwk'.",
    );
  }
  const key = publicKeyOf(carried);
  if (key.thumbprint !== cnf.kid) {
    throw refuse(
      'POP_KEY_THUMBPRINT_MISMATCH',
      "The JWK thumbprint of the signed HTTP request's key does not match the access token's 'cnf.kid'.",
    );
  }
  return key;
}

/** A public RSA (≥ 2048 bits) or EC key from a JWK; a JWK with private members is refused, not stripped. */
function publicKeyOf(jwk: Record<string, unknown>): ConfirmationKey {
  if (PRIVATE_MEMBERS.some((member) => jwk[member] !== undefined)) {
    throw invalidKey('The proof-of-possession key must be a public key; the JWK has private members.');
  }
  if (jwk.use !== undefined && jwk.use !== 'sig')
    throw invalidKey("The proof-of-possession key's 'use' is not 'sig'.");
  const algorithms = algorithmsOf(jwk);
  const thumbprint = jwkThumbprint(jwk);
  if (algorithms.length === 0 || thumbprint === undefined) {
    throw invalidKey('The proof-of-possession key must be an RSA or EC (P-256, P-384, P-521) public key.');
  }
  let key: KeyObject;
  try {
    const { kty, n, e, crv, x, y } = jwk;
    key = createPublicKey({ key: { kty, n, e, crv, x, y } as never, format: 'jwk' });
  } catch {
    throw invalidKey('The proof-of-possession key is not a valid JWK.');
  }
  if (jwk.kty === 'RSA' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
    throw invalidKey(`The proof-of-possession RSA key must have at least ${MIN_RSA_BITS} bits.`);
  }
  return { key, algorithms, thumbprint };
}

// The key's family decides; an `alg` the key declares narrows it to that one algorithm.
function algorithmsOf(jwk: Record<string, unknown>): string[] {
  const family =
    jwk.kty === 'RSA'
      ? RSA_ALGORITHMS
      : jwk.kty === 'EC' && typeof jwk.crv === 'string' && EC_ALGORITHM.has(jwk.crv)
        ? [EC_ALGORITHM.get(jwk.crv)!]
        : [];
  return typeof jwk.alg === 'string' ? family.filter((alg) => alg === jwk.alg) : family;
}
