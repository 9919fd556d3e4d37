import { SetMetadata, type Type } from '@nestjs/common';
import type { CachedAnswerLookup } from './cached-answer.contract';

const CACHED_ANSWER_METADATA = 'sidecar:cachedAnswer';

/** Where a handler's cached answer comes from: a provider class and the name of its lookup method. */
export interface CachedAnswerSource {
  readonly provider: Type;
  readonly method: string;
}

/**
 * Marks a controller handler whose successful answer the caches may hold in full, naming the provider method
 * that looks it up (a `CachedAnswerLookup`). The route itself (method, path, guards) stays the controller's.
 */
export function CachedAnswer<K extends string, T extends Record<K, CachedAnswerLookup<never>>>(
  provider: Type<T>,
  method: K,
): MethodDecorator {
  const source: CachedAnswerSource = { provider, method };
  return SetMetadata(CACHED_ANSWER_METADATA, source);
}

/** The cached-answer source `@CachedAnswer` gave a handler, if any. */
export function cachedAnswerSourceOf(handler: object): CachedAnswerSource | undefined {
  return Reflect.getMetadata(CACHED_ANSWER_METADATA, handler) as CachedAnswerSource | undefined;
}
