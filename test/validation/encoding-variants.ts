import type { SeededValues } from './seeded-values';
import type { TokenVariant, VariantBase } from './token-variants';

type Json = Record<string, unknown>;
type Segment = 'header' | 'payload';

const MARK = '@@BYTES@@';
// A lone continuation byte, bytes UTF-8 never uses, truncated sequences, an overlong '/', an encoded surrogate,
// a code point above U+10FFFF.
const INVALID_UTF8 = [
  [0x80],
  [0xff],
  [0xfe],
  [0xc3],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
];
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** JSON text with raw bytes where `MARK` was. */
const withBytes = (json: string, bytes: number[]): Buffer => {
  const [before, after] = json.split(MARK);
  return Buffer.concat([Buffer.from(before), Buffer.from(bytes), Buffer.from(after)]);
};

/** The object with a filler member so that its base64url length modulo 4 passes `wanted`. */
function fitted(object: Json, wanted: (remainder: number) => boolean): string {
  for (let size = 0; ; size++) {
    const text = JSON.stringify({ ...object, fill: 'x'.repeat(size) });
    if (wanted(Buffer.from(text).toString('base64url').length % 4)) return text;
  }
}

/** Rewrites segment `index` of `header.payload[.signature]`. */
const onSegment =
  (index: number, change: (segment: string) => string) =>
  (text: string): string =>
    text
      .split('.')
      .map((segment, at) => (at === index ? change(segment) : segment))
      .join('.');

// The unused low bits of the last character of an unpadded segment (2 or 4 of them) set to 1.
const trailingBitsSet = (segment: string): string =>
  segment.slice(0, -1) + BASE64URL[BASE64URL.indexOf(segment.slice(-1)) | 1];

/** Byte-level and base64url-level variants of header and payload, and of the signature. */
export function encodingVariants(base: VariantBase, values: SeededValues): TokenVariant[] {
  const variants: TokenVariant[] = [];
  const objects: Record<Segment, Json> = { header: base.header, payload: base.payload };
  const add = (segment: Segment, label: string, text: string | Buffer, rest: Partial<TokenVariant> = {}) => {
    const other = JSON.stringify(objects[segment === 'header' ? 'payload' : 'header']);
    const [header, payload] = segment === 'header' ? [text, other] : [other, text];
    variants.push({ label: `${segment} ${label}`, header, payload, ...rest });
  };
  for (const segment of ['header', 'payload'] as const) {
    const object = objects[segment];
    const index = segment === 'header' ? 0 : 1;
    for (const bytes of INVALID_UTF8) {
      add(segment, '← invalid UTF-8', withBytes(JSON.stringify({ ...object, note: `a${MARK}b` }), bytes));
      add(segment, '← invalid UTF-8', withBytes(JSON.stringify({ ...object, [`n${MARK}`]: 1 }), bytes));
    }
    const indent = () => values.pick(['\t', ' ', '  ', '\r\n', ' \t\n']);
    for (let repetition = 0; repetition < 3; repetition++) {
      add(segment, '← JSON whitespace', ` \n${JSON.stringify(object, null, indent())}\r\n\t `);
    }
    add(segment, '← byte-order mark', `\ufeff${JSON.stringify(object)}`);
    add(segment, '← \\u escapes in member names', escapedNames(JSON.stringify(object)));
    for (const text of ['[]', '"x"', '1', 'null', 'true']) add(segment, '← not an object', text);
    const json = JSON.stringify(object);
    for (const text of ['', json.slice(0, -1), `${json}x`, json.replaceAll('"', "'"), 'NaN']) {
      add(segment, '← not JSON', text);
    }
    const padded = { encoded: onSegment(index, (s) => s + '='.repeat((4 - (s.length % 4)) % 4)) };
    add(
      segment,
      'segment ← base64 padding',
      fitted(object, (r) => r !== 0),
      padded,
    );
    add(
      segment,
      'segment ← one character too many',
      fitted(object, (r) => r === 0),
      {
        encoded: onSegment(index, (s) => `${s}A`),
      },
    );
    add(
      segment,
      'segment ← non-zero trailing bits',
      fitted(object, (r) => r >= 2),
      {
        encoded: onSegment(index, trailingBitsSet),
      },
    );
  }
  const header = JSON.stringify(base.header);
  const payload = JSON.stringify(base.payload);
  // An RS256 signature of a 2048-bit key is 342 characters: its last one carries 4 unused bits.
  variants.push({
    label: 'signature ← non-zero trailing bits',
    header,
    payload,
    signed: onSegment(2, trailingBitsSet),
  });
  return variants;
}

/** Every member name written with `\uXXXX` escapes: the same JSON to a conforming parser. */
const escapedNames = (json: string): string =>
  json.replace(/"([A-Za-z0-9_]+)":/g, (_match, name: string) => {
    const escaped = [...name].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    return `"${escaped}":`;
  });
