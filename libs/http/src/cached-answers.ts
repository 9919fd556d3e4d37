import type { FastifyRequest } from 'fastify';

/** The content type of every JSON answer the sidecar's routes send, cached or not. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A route whose successful answer a cache may already hold in full. `lookup` returns that answer's JSON body,
 * or undefined whenever anything about the request needs the route's full pipeline (guards, handler, error
 * answers). It only reads caches: it never awaits, never throws and never answers anything but a 200, so
 * serving its body early can only repeat what the full pipeline would answer, never widen it.
 */
export interface CachedAnswerRoute {
  readonly method: 'GET';
  /** The route template as the controller registers it, e.g. `/AuthorizationHeader/:apiName`. */
  readonly url: string;
  lookup(request: FastifyRequest): string | undefined;
}

/** A feature's routes that can be answered from its caches (see `CachedAnswerRoute`). */
export interface CachedAnswerSource {
  readonly cachedAnswerRoutes: readonly CachedAnswerRoute[];
}
