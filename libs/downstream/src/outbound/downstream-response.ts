import {
  CANONICAL_CONTENT_HEADER_NAMES,
  EXTRA_CONTENT_HEADER_NAMES,
  LIST_CONTENT_HEADER_NAMES,
} from '../downstream.constants';

/**
 * Spec C.4 `headers`: only the content headers (`Content-*`, `Expires`, `Last-Modified`, `Allow`), under
 * the names a .NET client of the reference sees (the known ones canonical, others in the first casing the
 * downstream used), values as arrays (list headers split into their elements, as .NET parses them). `Location`, `WWW-Authenticate` and other response headers are left out.
 */
export function contentHeaders(rawHeaders: readonly string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  // Lower-case name → the name it is reported under, for a name that comes again.
  let casings: Map<string, string> | undefined;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const lower = rawHeaders[i].toLowerCase();
    if (!lower.startsWith('content-') && !EXTRA_CONTENT_HEADER_NAMES.has(lower)) continue;
    const value = rawHeaders[i + 1];
    const values = LIST_CONTENT_HEADER_NAMES.has(lower) ? listElements(value) : [value];
    const seen = casings?.get(lower);
    if (seen === undefined) {
      const name = CANONICAL_CONTENT_HEADER_NAMES.get(lower) ?? rawHeaders[i];
      (casings ??= new Map()).set(lower, name);
      result[name] = values;
    } else {
      result[seen].push(...values);
    }
  }
  return result;
}

const listElements = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/**
 * Decisions §2: the body as text whenever there is one (chunked too), null only when empty. Decoded
 * with the Content-Type charset when Node knows it (as .NET's ReadAsStringAsync does), UTF-8 otherwise.
 */
export function contentText(body: Buffer, contentType: string | undefined): string | null {
  if (body.length === 0) return null;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1];
  // The common case without TextDecoder's per-call set-up; a UTF-8 BOM is dropped like .NET does.
  if (charset === undefined || /^utf-?8$/i.test(charset)) {
    const bom = body.length >= 3 && body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
    return (bom ? body.subarray(3) : body).toString('utf8');
  }
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return body.toString('utf8');
  }
}
