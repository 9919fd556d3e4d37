/**
 * The result of validating an inbound credential (the `@app/validation` contract): an `Authorization: Bearer`
 * token, or on `GET /Validate` the access token embedded in an `Authorization: PoP` signed request (spec G.7).
 */
export interface ValidatedToken {
  readonly protocol: 'Bearer' | 'PoP';
  /** The token exactly as received (compact JWS, or the outer JWE); for PoP, the embedded `at`. */
  readonly token: string;
  /** The JWS to use as the OBO assertion (the decrypted inner token for a JWE). */
  readonly assertion: string;
  /** Raw payload of the (inner) token: numbers stay numbers, no claim mapping (spec C.2). */
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * A Bearer token the inbound validator accepted. Its fields are read-only to everyone else; the one change it
 * allows is `keepWithin`, which swaps its text for an equal view into a longer string, so a token that is cached
 * with an answer containing it keeps its 1–3 KB once rather than twice. The value never changes.
 */
export class VerifiedToken implements ValidatedToken {
  readonly protocol = 'Bearer';

  constructor(
    public token: string,
    public assertion: string,
    readonly claims: Readonly<Record<string, unknown>>,
  ) {}
}

/**
 * Lets a token the validator made keep its text as a view into `text` (an answer serialised from it), which
 * holds it at `at`; nothing happens for another token or when the characters there differ. A JWE's assertion
 * is another string (its inner token) and is kept as it is.
 */
export function keepWithin(token: ValidatedToken, text: string, at: number): void {
  if (!(token instanceof VerifiedToken)) return;
  const view = text.slice(at, at + token.token.length);
  if (view !== token.token) return;
  if (token.assertion === token.token) token.assertion = view;
  token.token = view;
}
