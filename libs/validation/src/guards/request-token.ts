import type { ArgumentsHost } from '@nestjs/common';
import type { InboundProbe } from '../inbound-probe';
import type { ValidatedToken } from '../validated-token';

// The guards attach the validated token to the request under a symbol, so no handler or hook can
// collide with it and nothing outside this lib can forge it by setting a plain property. The same holds
// for what the cached-answer fast path found when it had to hand the request on to the guard.
const VALIDATED_TOKEN = Symbol('validatedToken');
const PROBED = Symbol('inboundProbe');

interface WithToken {
  [VALIDATED_TOKEN]?: ValidatedToken;
  [PROBED]?: InboundProbe;
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

/** Leaves what a look at the request found for the route's guard, which then does not look again. */
export function leaveProbe(request: object, probe: InboundProbe): void {
  (request as WithToken)[PROBED] = probe;
}

/** What the fast path left on this request (`leaveProbe`), if it looked at it. */
export function probeLeftOn(request: object): InboundProbe | undefined {
  return (request as WithToken)[PROBED];
}

/**
 * The HTTP request of a guard's or parameter decorator's context: argument 0 for HTTP handlers. Read directly
 * because `switchToHttp()` assigns three new closures onto the context on every call, on every request.
 */
export function httpRequestOf<T>(context: ArgumentsHost): T {
  return context.getArgByIndex<T>(0);
}
