import { constants, verify, type VerifyKeyObjectInput } from 'node:crypto';
import type { CompactJws } from '../header/compact-token';
import type { SigningKey } from '../keys/signing-key';
import { reject } from '../validation.errors';

const DIGEST: Readonly<Record<string, string>> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
  ES256: 'sha256',
  ES384: 'sha384',
  ES512: 'sha512',
};

function verifyInput(alg: string, key: SigningKey): VerifyKeyObjectInput {
  if (alg.startsWith('PS')) {
    return {
      key: key.key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    };
  }
  if (alg.startsWith('ES')) return { key: key.key, dsaEncoding: 'ieee-p1363' };
  return { key: key.key };
}

/**
 * RFC 7515 §5.2 with the algorithm pinned by the key, never by the token: an `alg` the key does not declare
 * (`none`, `HS256` with the public key as secret, another family) fails before any verification. The check
 * uses node:crypto's synchronous verify, about three times cheaper than WebCrypto for RS256.
 * Returns the key that verified the signature.
 */
export function checkSignature(jws: CompactJws, alg: string, candidates: readonly SigningKey[]): SigningKey {
  const usable = candidates.filter((key) => key.algorithms.has(alg));
  if (usable.length === 0) {
    throw reject(
      'ALGORITHM_NOT_ALLOWED',
      `The algorithm '${alg}' is not allowed.`,
      'The signature is invalid',
    );
  }
  const data = Buffer.from(jws.signingInput, 'latin1');
  for (const key of usable) {
    try {
      if (verify(DIGEST[alg], data, verifyInput(alg, key), jws.signature)) return key;
    } catch {
      // A signature of the wrong length or shape is simply not valid.
    }
  }
  throw reject('SIGNATURE_INVALID', 'The signature is invalid.', 'The signature is invalid');
}
