/** One HTTP(S) exchange with a deadline over all of it (timer cleared with the answer), a byte cap, no redirects. */
export {
  type FetchedAnswer,
  fetchWithin,
  type FetchWithinOptions,
  type FetchWithinRequest,
} from './fetch-within';
