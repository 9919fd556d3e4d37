import { sha256 } from '@app/token-core';

/**
 * What makes one use of a signed request: its `nonce`, scoped to the key that signed it (so one caller's
 * nonces can never block another's), else the hash of the whole compact SHR. Hashed: fixed size, token-free.
 */
export function replayKey(
  payload: Readonly<Record<string, unknown>>,
  compact: string,
  signer: string,
): string {
  const nonce = payload.nonce;
  return typeof nonce === 'string' && nonce !== ''
    ? sha256(`nonce:${signer}:${nonce}`)
    : sha256(`shr:${compact}`);
}
