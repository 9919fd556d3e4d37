import type { FastifyRequest } from 'fastify';
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
   * `PoP` challenge; it never rejects with anything else. The request's headers are read from `raw`, so a
   * repeated header is seen as repeated; its `id` is the correlation id of the log line a refusal writes.
   */
  abstract validate(request: FastifyRequest): Promise<ValidatedToken>;
}
