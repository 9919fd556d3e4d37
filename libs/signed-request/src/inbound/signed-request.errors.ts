import { SidecarError } from '@app/problem-details';

/** Why a signed HTTP request was refused; also the `outcome` label of its metric (lowercased). */
export type SignedRequestRejectionReason =
  | 'MISSING_SIGNED_REQUEST'
  | 'SIGNED_REQUEST_TOO_LARGE'
  | 'SIGNED_REQUEST_MALFORMED'
  | 'ORIGINAL_METHOD_MISSING'
  | 'ORIGINAL_URI_MISSING'
  | 'ORIGINAL_URI_INVALID'
  | 'HEADER_INVALID'
  | 'ALGORITHM_NOT_ALLOWED'
  | 'ACCESS_TOKEN_MISSING'
  | 'ACCESS_TOKEN_INVALID'
  | 'ACCESS_TOKEN_NOT_APP_ONLY'
  | 'CONFIRMATION_MISSING'
  | 'POP_KEY_INVALID'
  | 'POP_KEY_THUMBPRINT_MISMATCH'
  | 'SIGNATURE_INVALID'
  | 'TS_INVALID'
  | 'TS_EXPIRED'
  | 'TS_IN_FUTURE'
  | 'M_MISMATCH'
  | 'U_MISMATCH'
  | 'P_MISMATCH'
  | 'Q_MISMATCH'
  | 'REPLAYED';

/**
 * One failed check of a signed HTTP request. `detail` is what the caller reads in the problem body; it is
 * written here, never copied from the request, so it cannot carry token content.
 */
export class SignedRequestRejection extends Error {
  constructor(
    readonly reason: SignedRequestRejectionReason,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'SignedRequestRejection';
  }
}

/** Shorthand used by the checks. */
export const refuse = (reason: SignedRequestRejectionReason, detail: string): SignedRequestRejection =>
  new SignedRequestRejection(reason, detail);

/** Spec G.7: every refused signed request is challenged the same way, without a description. */
export const POP_CHALLENGE = 'PoP error="invalid_token"';

/** The 401 the HTTP edge answers (problem+json body, `WWW-Authenticate: PoP error="invalid_token"`). */
export function unauthenticated(detail: string): SidecarError {
  return new SidecarError('UNAUTHENTICATED', detail.replace(/[^\x20-\x7e]/g, '?'), {
    challenge: POP_CHALLENGE,
  });
}
