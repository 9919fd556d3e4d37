import type { PopValidationSettings } from '@app/config';
import type { OriginalRequest } from '../original-request';
import { checkHost } from './host.check';
import { checkMethod } from './method.check';
import { checkPath } from './path.check';
import { checkQuery } from './query.check';

type BoundClaim = 'm' | 'u' | 'p' | 'q';

/**
 * Whether a claim is checked, as the reference decides: always when its `Validate*` switch is on, otherwise
 * only when `ValidatePresentClaims` is on, the claim is listed in `ClaimsToValidateWhenPresent` and the SHR
 * has it. `h` and `b` are never checked: the sidecar sees neither the original headers nor the body.
 */
function checked(
  claim: BoundClaim,
  always: boolean,
  payload: Readonly<Record<string, unknown>>,
  settings: PopValidationSettings,
): boolean {
  if (always) return true;
  return (
    settings.validatePresentClaims &&
    settings.claimsToValidateWhenPresent.includes(claim) &&
    payload[claim] !== undefined &&
    payload[claim] !== null
  );
}

/** Binds the SHR to the request the caller received: `m`, `u`, `p` and `q`, as configured. */
export function checkRequestBinding(
  payload: Readonly<Record<string, unknown>>,
  original: OriginalRequest,
  settings: PopValidationSettings,
): void {
  if (checked('m', settings.validateM, payload, settings)) checkMethod(payload, original.method);
  if (checked('u', settings.validateU, payload, settings)) checkHost(payload, original.uri);
  if (checked('p', settings.validateP, payload, settings)) checkPath(payload, original.uri);
  if (checked('q', settings.validateQ, payload, settings)) {
    checkQuery(payload, original.rawQuery, settings.acceptUnsignedQueryParameters);
  }
}
