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
