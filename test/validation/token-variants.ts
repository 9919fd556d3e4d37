import type { SeededValues } from './seeded-values';

/**
 * One generated token: `label` names its class, and every token of a class gets the same verdict from a given
 * validator whatever the seed (the random values only vary what cannot matter), so a table of classes can be
 * checked exactly.
 */
export interface TokenVariant {
  readonly label: string;
  /** Header and payload before base64url: JSON text, or raw bytes. */
  readonly header: string | Buffer;
  readonly payload: string | Buffer;
  /** Rewrites the encoded `header.payload` before it is signed. */
  readonly encoded?: (signingInput: string) => string;
  /** Rewrites the signed compact token. */
  readonly signed?: (token: string) => string;
}

/** A valid token taken apart, and the sidecar's settings the variants play with. */
export interface VariantBase {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  readonly nowSeconds: number;
  readonly maxTokenLength: number;
  readonly clientId: string;
}

type Json = Record<string, unknown>;

const KINDS = ['string', 'number', 'null', 'boolean', 'object', 'array', 'missing', 'duplicated'] as const;
const HEADER_FIELDS = ['alg', 'kid', 'x5t', 'typ', 'crit'];
const PAYLOAD_FIELDS = ['iss', 'aud', 'exp', 'nbf', 'iat', 'ver', 'tid', 'scp', 'oid'];
const TIME_FIELDS = new Set(['exp', 'nbf', 'iat']);

/** Every field mutated to every JSON type (and missing, and duplicated), `repetitions` values each. */
export function fieldVariants(base: VariantBase, values: SeededValues, repetitions: number): TokenVariant[] {
  const header = JSON.stringify(base.header);
  const payload = JSON.stringify(base.payload);
  const variants: TokenVariant[] = [];
  const mutate = (location: 'header' | 'payload', object: Json, field: string) => {
    for (const kind of KINDS) {
      if ((kind === 'missing' || kind === 'duplicated') && !(field in object)) continue;
      for (let repetition = 0; repetition < repetitions; repetition++) {
        const value = () => valueOf(kind === 'duplicated' ? values.pick(KINDS.slice(0, 6)) : kind, field);
        const text =
          kind === 'missing'
            ? JSON.stringify({ ...object, [field]: undefined })
            : kind === 'duplicated'
              ? `{${JSON.stringify(field)}:${JSON.stringify(value())},${JSON.stringify(object).slice(1)}`
              : JSON.stringify({ ...object, [field]: value() });
        const label = `${location}.${field} ← ${kind}`;
        variants.push(
          location === 'header' ? { label, header: text, payload } : { label, header, payload: text },
        );
      }
    }
  };
  const valueOf = (kind: (typeof KINDS)[number], field: string): unknown => {
    switch (kind) {
      case 'string':
        return TIME_FIELDS.has(field)
          ? values.pick(['yesterday', String(base.nowSeconds + 3600), values.string()])
          : values.string();
      case 'number':
        return TIME_FIELDS.has(field) ? timeAwayFromTheSkew(base.nowSeconds, values) : values.number();
      case 'null':
        return null;
      case 'boolean':
        return values.boolean();
      case 'object':
        return values.object();
      default:
        return values.array();
    }
  };
  for (const field of HEADER_FIELDS) mutate('header', base.header, field);
  for (const field of PAYLOAD_FIELDS) mutate('payload', base.payload, field);
  return variants;
}

// Seconds far enough (≥ 50 s) from the skew boundaries that the verdict cannot change while the run lasts:
// long past, well within the skew, long ahead; integers, fractions and negatives.
function timeAwayFromTheSkew(now: number, values: SeededValues): number {
  return values.pick([
    () => now - 400 - values.int(1_000_000),
    () => now - values.int(250),
    () => now + values.int(250) + 0.5,
    () => now + 400 + values.int(1_000_000),
    () => -values.int(1_000_000),
  ])();
}

const RAW = '@@RAW@@';
/** JSON text of the object with one member's value written verbatim (numbers JSON.stringify cannot write). */
const withRaw = (object: Json, field: string, raw: string): string =>
  JSON.stringify({ ...object, [field]: RAW }).replace(`"${RAW}"`, raw);

/** Hand-picked shapes: numbers beyond float range, audience and version pairs, key ids, sizes, signatures. */
export function specialVariants(base: VariantBase, values: SeededValues): TokenVariant[] {
  const header = JSON.stringify(base.header);
  const payload = JSON.stringify(base.payload);
  const withPayload = (label: string, text: string): TokenVariant => ({ label, header, payload: text });
  const withHeader = (label: string, text: string): TokenVariant => ({ label, header: text, payload });
  const claims = (extra: Json) => JSON.stringify({ ...base.payload, ...extra });
  const fill = (length: number) => claims({ fill: 'x'.repeat(Math.max(0, length)) });
  // base64url grows by 4/3; header and signature (342 characters for RS256 with 2048 bits) come on top.
  const room = Math.floor(((base.maxTokenLength - 343 - 2 * header.length) * 3) / 4) - payload.length;
  const others = () => Array.from({ length: 200 }, () => values.string());
  const nested = 1000;
  return [
    withPayload('payload.exp ← 1e400 (infinite)', withRaw(base.payload, 'exp', '1e400')),
    withPayload('payload.iat ← 1e400 (infinite)', withRaw(base.payload, 'iat', '1e400')),
    withPayload('payload.nbf ← -1e400 (minus infinite)', withRaw(base.payload, 'nbf', '-1e400')),
    withPayload('payload.exp ← 1e308', withRaw(base.payload, 'exp', '1e308')),
    withPayload(
      'payload.exp ← an exponent form',
      withRaw(base.payload, 'exp', `${(base.nowSeconds + 3600) / 1e9}e9`),
    ),
    withPayload('payload.aud ← the v1 audience in a v2 token', claims({ aud: `api://${base.clientId}` })),
    withPayload(
      'payload.ver ← 1.0 with the v1 audience',
      claims({ ver: '1.0', aud: `api://${base.clientId}` }),
    ),
    withPayload(
      'payload.aud ← an array holding the client id',
      claims({ aud: [...others(), base.clientId] }),
    ),
    withPayload(
      'payload ← 200 more claims',
      claims(Object.fromEntries(others().map((v, i) => [`c${i}`, v]))),
    ),
    withPayload(
      `payload ← ${nested} nested arrays`,
      withRaw(base.payload, 'deep', '['.repeat(nested) + ']'.repeat(nested)),
    ),
    withPayload('payload ← a claim that just fits MaxTokenLength', fill(room - 200)),
    withPayload('payload ← a claim beyond MaxTokenLength', fill(room + 200)),
    withHeader(
      'header.kid ← missing, x5t ← names no key',
      JSON.stringify({ ...base.header, kid: undefined, x5t: `k${values.string()}` }),
    ),
    withHeader(
      'header.kid, x5t ← missing',
      JSON.stringify({ ...base.header, kid: undefined, x5t: undefined }),
    ),
    { label: 'signature ← one bit flipped', header, payload, signed: flipBit(values) },
    { label: 'signature ← truncated', header, payload, signed: (token) => token.slice(0, -4) },
    { label: 'signature ← base64 padding', header, payload, signed: (token) => `${token}==` },
    { label: 'token ← a fourth part', header, payload, signed: (token) => `${token}.` },
  ];
}

const flipBit =
  (values: SeededValues) =>
  (token: string): string => {
    const [signingHeader, signingPayload, signature] = token.split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes[values.int(bytes.length)] ^= 1 << values.int(8);
    return `${signingHeader}.${signingPayload}.${bytes.toString('base64url')}`;
  };
