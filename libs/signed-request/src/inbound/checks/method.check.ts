import { refuse } from '../signed-request.errors';

/**
 * `m` is the method of the original request, compared exactly. RFC 9110 §9.1 makes the method token
 * case-sensitive (`get` is not `GET`), so a signer that wrote another casing signed another method. The
 * reference (Microsoft.IdentityModel) trims both and ignores case; we do neither, on purpose.
 */
export function checkMethod(payload: Readonly<Record<string, unknown>>, originalMethod: string): void {
  if (typeof payload.m !== 'string') throw refuse('M_MISMATCH', "The signed HTTP request has no 'm' claim.");
  if (payload.m !== originalMethod) {
    throw refuse('M_MISMATCH', "The signed HTTP request's 'm' does not match the original-method header.");
  }
}
