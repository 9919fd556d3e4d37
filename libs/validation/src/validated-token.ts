/** The result of validating an inbound `Authorization: Bearer` credential (the `@app/validation` contract). */
export interface ValidatedToken {
  readonly protocol: 'Bearer';
  /** The credential exactly as received (compact JWS, or the outer JWE). */
  readonly token: string;
  /** The JWS to use as the OBO assertion (the decrypted inner token for a JWE). */
  readonly assertion: string;
  /** Raw payload of the (inner) token: numbers stay numbers, no claim mapping (spec C.2). */
  readonly claims: Readonly<Record<string, unknown>>;
}
