/** `fetch` with a deadline over the whole exchange (timer cleared with the answer), a byte cap, no redirects. */
export { type FetchedAnswer, fetchWithin, type FetchWithinOptions } from './fetch-within';
/** Routes whose successful answer can be served straight from a feature's caches, and who offers them. */
export { type CachedAnswerRoute, type CachedAnswerSource, JSON_CONTENT_TYPE } from './cached-answers';
