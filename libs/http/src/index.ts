/** A deadline over a whole outbound exchange, whose timer goes with the answer. */
export { withDeadline } from './with-deadline';
/** Routes whose successful answer can be served straight from a feature's caches, and who offers them. */
export { type CachedAnswerRoute, type CachedAnswerSource, JSON_CONTENT_TYPE } from './cached-answers';
