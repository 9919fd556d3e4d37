/** The content type of every JSON answer the sidecar's routes send, cached or not. */
export { JSON_CONTENT_TYPE } from './cached-answer.contract';
/** What a guard and a lookup provide so a route's answer can be served from the caches before its pipeline. */
export {
  type CachedAnswerGuard,
  type CachedAnswerLookup,
  isCachedAnswerGuard,
} from './cached-answer.contract';
/** Marks a controller handler as answerable from the caches, and reads that mark back. */
export { CachedAnswer, type CachedAnswerSource, cachedAnswerSourceOf } from './cached-answer.decorator';
