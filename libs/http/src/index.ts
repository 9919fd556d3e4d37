/** `fetch` with a deadline over the whole exchange (timer cleared with the answer), a byte cap, no redirects. */
export { type FetchedAnswer, fetchWithin, type FetchWithinOptions } from './fetch-within';
