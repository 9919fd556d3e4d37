import { compactVerify } from 'jose';
import type { SignedHttpRequest } from '../signed-http-request';
import { refuse } from '../signed-request.errors';
import type { ConfirmationKey } from './confirmation-key.check';

/**
 * RFC 7515 §5.2 with the confirmation key, the algorithm pinned by that key: an `alg` outside the key's
 * family fails before any verification. jose does the work (WebCrypto, slower than node:crypto, but a signed
 * request is never the hot path) and refuses what the header check already refused, `crit` included.
 */
export async function checkShrSignature(
  signed: SignedHttpRequest,
  alg: string,
  key: ConfirmationKey,
): Promise<void> {
  if (!key.algorithms.includes(alg)) {
    throw refuse(
      'ALGORITHM_NOT_ALLOWED',
      "The signed HTTP request's algorithm does not fit its proof-of-possession key.",
    );
  }
  try {
    await compactVerify(signed.compact, key.key, { algorithms: [alg] });
  } catch {
    throw refuse('SIGNATURE_INVALID', 'The signature of the signed HTTP request is invalid.');
  }
}
