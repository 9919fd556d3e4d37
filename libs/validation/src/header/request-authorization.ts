import type { IncomingMessage } from 'node:http';

/**
 * Every `Authorization` header of a request. Node keeps only the first of duplicated `Authorization`
 * headers in `headers`, so the raw list is scanned: two headers must be refused, not silently narrowed to one.
 */
export function authorizationHeaders(raw: IncomingMessage): string | string[] | undefined {
  const rawHeaders = raw.rawHeaders;
  let found: string | string[] | undefined;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    if (name.length !== 13 || name.toLowerCase() !== 'authorization') continue;
    const value = rawHeaders[index + 1];
    if (found === undefined) found = value;
    else found = Array.isArray(found) ? [...found, value] : [found, value];
  }
  return found;
}
