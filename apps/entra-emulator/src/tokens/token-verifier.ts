import { errors, jwtVerify, type JWTPayload } from 'jose';
import type { EmulatorUrls } from './emulator-urls';
import type { SigningKeyRing } from './signing-keys';

export type TokenRejection = 'malformed' | 'signature' | 'expired' | 'not-yet-valid' | 'issuer';

export type VerifiedToken =
  | {
      readonly valid: true;
      readonly payload: JWTPayload & Record<string, unknown>;
      readonly tenantId: string;
    }
  | { readonly valid: false; readonly reason: TokenRejection };

// Entra tolerates five minutes of clock skew on assertions.
const CLOCK_TOLERANCE_SECONDS = 300;

/** Verifies a token this emulator issued: signature with a published key, lifetime, emulator issuer. */
export async function verifyEmulatorToken(
  token: string,
  keyRing: SigningKeyRing,
  urls: EmulatorUrls,
): Promise<VerifiedToken> {
  try {
    const { payload } = await jwtVerify(
      token,
      (header) => {
        const key = header.kid ? keyRing.find(header.kid) : undefined;
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key.publicKey;
      },
      { algorithms: ['RS256'], clockTolerance: CLOCK_TOLERANCE_SECONDS },
    );
    const issuer = typeof payload.iss === 'string' ? urls.parseIssuer(payload.iss) : undefined;
    if (!issuer) return { valid: false, reason: 'issuer' };
    return {
      valid: true,
      payload,
      tenantId: issuer.tenantId,
    };
  } catch (error) {
    return { valid: false, reason: rejectionOf(error) };
  }
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') return 'not-yet-valid';
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return 'signature';
  }
  return 'malformed';
}
