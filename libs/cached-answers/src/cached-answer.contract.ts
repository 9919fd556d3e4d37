import type { FastifyRequest } from 'fastify';

/** The content type of every JSON answer the sidecar's routes send, cached or not. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A route guard that can also decide from the caches alone, so a cached answer never widens what its
 * `canActivate` admits. `admitFromCache` returns what the guard admits (for the inbound token guards, the
 * cached `ValidatedToken`, or `null` for an anonymous call), or undefined when only `canActivate` can decide;
 * it then leaves what it found on the request, so `canActivate` continues from there instead of looking again.
 * It never awaits and never throws.
 */
export interface CachedAnswerGuard<Admission = unknown> {
  admitFromCache(request: FastifyRequest): Admission | undefined;
  /** The cache had no answer after all: leaves the admission on the request for `canActivate` to use. */
  keepAdmission(request: FastifyRequest, admission: Admission): void;
}

/**
 * Reads a route's full successful answer from a feature's caches: its JSON body, or undefined whenever
 * anything about the request needs the route's handler. It only reads caches: it never awaits, never throws
 * and only ever stands for a 200, so serving its body early can only repeat what the handler would answer.
 */
export type CachedAnswerLookup<Admission = unknown> = (
  request: FastifyRequest,
  admission: Admission,
) => string | undefined;

/** True for a guard instance that implements `CachedAnswerGuard`. */
export function isCachedAnswerGuard(guard: unknown): guard is CachedAnswerGuard {
  const candidate = guard as Partial<CachedAnswerGuard> | null | undefined;
  return typeof candidate?.admitFromCache === 'function' && typeof candidate.keepAdmission === 'function';
}
