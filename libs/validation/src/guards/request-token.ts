import type { ValidatedToken } from '../validated-token';

// The guards attach the validated token to the request under a symbol, so no handler or hook can
// collide with it and nothing outside this lib can forge it by setting a plain property.
const VALIDATED_TOKEN = Symbol('validatedToken');

interface WithToken {
  [VALIDATED_TOKEN]?: ValidatedToken;
}

/** Stores the validated token on the request object; `true`, so a guard can return it. */
export function attachToken(request: object, token: ValidatedToken): true {
  (request as WithToken)[VALIDATED_TOKEN] = token;
  return true;
}

/** The token a guard attached to this request, if any. */
export function attachedToken(request: object): ValidatedToken | undefined {
  return (request as WithToken)[VALIDATED_TOKEN];
}
