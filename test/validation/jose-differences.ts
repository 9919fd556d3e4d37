/** How one validator answers a token. */
export type Verdict = 'accepts' | 'rejects';

/** A way the sidecar and `jose.jwtVerify` (same keys, same rules) answer a token differently, and why. */
export interface JoseDifference {
  /** The first column of the table in docs/security.md. */
  readonly difference: string;
  readonly sidecar: Verdict;
  readonly jose: Verdict;
  readonly why: string;
  /** The catalogued tokens (`catalogue: <name>`) and generated classes that show it, every one of them. */
  readonly tokens: readonly string[];
}

const NOT_STRINGS = ['number', 'null', 'boolean', 'object', 'array'];

/** The generated classes (token-variants.ts) of a field set to a value of each of these kinds. */
const typed = (field: string, kinds: readonly string[]): string[] =>
  kinds.map((kind) => `${field} ← ${kind}`);

/**
 * Every difference there is: jose-differential.e2e-spec.ts fails on a disagreement not listed here, and on a
 * listed one that no longer occurs. docs/security.md ("Token parsing compared with jose") shows the same table.
 */
export const JOSE_DIFFERENCES: readonly JoseDifference[] = [
  {
    difference: '`ver` decides the audience',
    sidecar: 'rejects',
    jose: 'accepts',
    why:
      'Without `AzureAd:Audience`, a v2 token (`ver` `2.0`) must be for the client id and a v1 token (`1.0`) ' +
      'for `api://<client id>`; a token with any other `ver`, or none, has no valid audience (as the reference). ' +
      'jose takes one list of audiences for every token.',
    tokens: [
      'catalogue: a v1 token whose aud is the bare client id',
      'catalogue: a token without ver',
      'payload.aud ← the v1 audience in a v2 token',
      ...typed('payload.ver', ['string', ...NOT_STRINGS, 'missing']),
    ],
  },
  {
    difference: "`tid` must be the issuer's tenant",
    sidecar: 'rejects',
    jose: 'accepts',
    why:
      "On-behalf-of requests go to the authority of the token's `tid`, so a `tid` must be a tenant id and the " +
      'tenant of `iss`. jose does not read `tid`.',
    tokens: [
      'catalogue: a token of the configured issuer whose tid names another tenant',
      'catalogue: a token of the configured issuer whose tid names a path',
      'catalogue: a token of the configured issuer whose tid names a domain',
      ...typed('payload.tid', ['string', ...NOT_STRINGS]),
    ],
  },
  {
    difference: '`exp` is required',
    sidecar: 'rejects',
    jose: 'accepts',
    why: 'A token without expiry would be valid forever (as the reference: "The token has no expiration"). jose checks `exp` only when it is there.',
    tokens: ['catalogue: a token without exp', 'payload.exp ← missing'],
  },
  {
    difference: '`exp`, `nbf` and `iat` are finite',
    sidecar: 'rejects',
    jose: 'accepts',
    why: '`1e400` is a JSON number that parses as Infinity, a time no clock reaches (an `exp` of `1e400` never expires). jose accepts any number.',
    tokens: [
      'payload.exp ← 1e400 (infinite)',
      'payload.iat ← 1e400 (infinite)',
      'payload.nbf ← -1e400 (minus infinite)',
    ],
  },
  {
    difference: 'Token length cap',
    sidecar: 'rejects',
    jose: 'accepts',
    why: 'A credential longer than `Sidecar:Validation:MaxTokenLength` (default 16384 characters) is refused before any parsing or cryptography. jose has no cap.',
    tokens: [
      'catalogue: a 20 KB token made of a valid one plus padding claims',
      'payload ← a claim beyond MaxTokenLength',
    ],
  },
  {
    difference: '`crit` is refused',
    sidecar: 'rejects',
    jose: 'accepts',
    why: 'The sidecar understands no JWS extension, so it refuses every `crit` (RFC 7515 §4.1.11). jose understands `b64` and accepts `crit: ["b64"]` with `b64: true`.',
    tokens: ['catalogue: a validly signed token carrying crit'],
  },
  {
    difference: '`x5t` is a string',
    sidecar: 'rejects',
    jose: 'accepts',
    why: '`x5t` names the key when there is no `kid`, so one that is not a string is malformed, like such a `kid` (which both refuse). jose never reads `x5t`.',
    tokens: typed('header.x5t', NOT_STRINGS),
  },
  {
    difference: '`x5t` names the key when there is no `kid`',
    sidecar: 'rejects',
    jose: 'accepts',
    why: "Like Microsoft's validators, the sidecar looks the key up by `x5t` when the header has no `kid`, and refuses an `x5t` that names no published key. jose then tries the published keys.",
    tokens: ['header.kid ← missing, x5t ← names no key'],
  },
  {
    difference: 'No base64 padding',
    sidecar: 'rejects',
    jose: 'accepts',
    why: "The parts of a compact JWS are base64url without `=` padding (RFC 7515 §2). jose's decoder accepts padding.",
    tokens: [
      'header segment ← base64 padding',
      'payload segment ← base64 padding',
      'signature ← base64 padding',
    ],
  },
  {
    difference: 'No byte-order mark',
    sidecar: 'rejects',
    jose: 'accepts',
    why: "Header and payload are JSON, which a byte-order mark is not (RFC 8259 §8.1 lets a parser refuse it). jose's UTF-8 decoder drops it.",
    tokens: ['header ← byte-order mark', 'payload ← byte-order mark'],
  },
];
