import type { ValidatedToken } from './validated-token';

/**
 * A request the verified-token cache could not answer, as far as one look at it read: its `Authorization`
 * header(s) and, when that is a single well-formed Bearer credential, the credential. Full validation starts
 * from here, so the header is never scanned and the cache never asked twice for one request.
 */
export class InboundProbeMiss {
  /** No `Authorization` header at all (one shared instance: the anonymous path allocates nothing). */
  static readonly NO_HEADER = new InboundProbeMiss(undefined, undefined);

  constructor(
    readonly header: string | string[] | undefined,
    /** Undefined when the header is missing, repeated or malformed: full validation then says why. */
    readonly credential: string | undefined,
  ) {}
}

/** What one look at a request's credential found: the cached token, or where full validation starts. */
export type InboundProbe = ValidatedToken | InboundProbeMiss;
