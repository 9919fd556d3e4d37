/** What a validated inbound credential looks like. */
export type { ValidatedToken } from './validated-token';
/** Guard for authenticated routes: attaches the validated token or answers 401. */
export { BearerAuthGuard } from './guards/bearer-auth.guard';
/** Guard for anonymous routes: attaches a valid token, ignores a missing or invalid one (spec C.0). */
export { OptionalBearerAuthGuard } from './guards/optional-bearer-auth.guard';
/** The inbound token pipeline; `validateToken` checks a token taken out of another carrier (a PoP `at`). */
export { InboundTokenValidator } from './inbound-token.validator';
/** Port for `Authorization: PoP` on `GET /Validate` (spec G.7), provided by @app/signed-request. */
export { SignedRequestValidator } from './validate/signed-request.validator';
/** Handler parameter decorator: the request's `ValidatedToken`, or undefined. */
export { InboundToken } from './guards/inbound-token.decorator';
/** A compact JWS split and decoded, nothing trusted yet (a signed HTTP request is one too). */
export { parseCompactJws } from './header/compact-token';
/** Wires the validator, the guards, the signing-key store and `GET /Validate`. */
export { ValidationModule } from './validation.module';
