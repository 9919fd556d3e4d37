import type { IncomingMessage } from 'node:http';
import type { ValidatedToken } from '../validated-token';

/**
 * Port for `Authorization: PoP <signed HTTP request>` on `GET /Validate` (spec G.7). The module graph puts
 * the lib that implements it (@app/signed-request) above this one, so validation declares what it needs and
 * that lib provides it. Without a provider, `/Validate` treats a PoP header as any other scheme: no Bearer
 * credentials, as before.
 */
export abstract class SignedRequestValidator {
  /**
   * The access token the signed request carries, validated by every Bearer rule, as a `'PoP'`
   * `ValidatedToken`. Anything wrong with the request rejects with `SidecarError('UNAUTHENTICATED')` and a
   * `PoP` challenge; it never rejects with anything else.
   */
  abstract validate(request: IncomingMessage): Promise<ValidatedToken>;
}
