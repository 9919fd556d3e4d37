import { SidecarError } from '@app/problem-details';

/** Why a token was refused; also the `outcome` label of `sidecar_token_validations_total`. */
export type RejectionReason =
  | 'MISSING_CREDENTIALS'
  | 'MULTIPLE_AUTHORIZATION_HEADERS'
  | 'TOKEN_TOO_LARGE'
  | 'TOKEN_MALFORMED'
  | 'DECRYPTION_FAILED'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'CRIT_NOT_SUPPORTED'
  | 'METADATA_UNAVAILABLE'
  | 'SIGNING_KEY_NOT_FOUND'
  | 'SIGNATURE_INVALID'
  | 'SIGNING_KEY_ISSUER_INVALID'
  | 'ISSUER_INVALID'
  | 'TENANT_INVALID'
  | 'AUDIENCE_INVALID'
  | 'TOKEN_NO_EXPIRATION'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID';

/**
 * One failed check of the pipeline. `description` is the reference's `error_description` text when ASP.NET's
 * JwtBearer handler writes one for that failure (spec C.1); otherwise the challenge carries `invalid_token` only.
 */
export class TokenRejection extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly detail: string,
    readonly description?: string,
  ) {
    super(detail);
    this.name = 'TokenRejection';
  }
}

// The description quotes token content (aud, iss), which an attacker controls: a quoted-string must not carry
// quotes, backslashes, control characters or non-ASCII (a CR/LF would even split the header), and stays short.
function quotedStringSafe(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  return printable.length > 300 ? `${printable.slice(0, 300)}...` : printable;
}

/** RFC 6750 §3 challenge for a rejection: plain `Bearer` when no credentials were presented. */
export function challengeFor(rejection: TokenRejection): string {
  if (rejection.reason === 'MISSING_CREDENTIALS') return 'Bearer';
  if (rejection.description === undefined) return 'Bearer error="invalid_token"';
  return `Bearer error="invalid_token", error_description="${quotedStringSafe(rejection.description)}"`;
}

/** The 401 the HTTP edge answers for a rejection (problem+json body, `WWW-Authenticate` challenge). */
export function toSidecarError(rejection: TokenRejection): SidecarError {
  const detail = rejection.description ?? rejection.detail;
  return new SidecarError('UNAUTHENTICATED', detail.replace(/[^\x20-\x7e]/g, '?'), {
    challenge: challengeFor(rejection),
  });
}

/** Shorthand used by the checks. */
export const reject = (reason: RejectionReason, detail: string, description?: string): TokenRejection =>
  new TokenRejection(reason, detail, description);
