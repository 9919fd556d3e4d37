/** A deadline over a whole outbound exchange, whose timer goes with the answer. */
export { withDeadline } from './with-deadline';
