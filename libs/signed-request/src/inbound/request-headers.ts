import type { IncomingMessage } from 'node:http';

/** A header sent more than once: it cannot be told which value the signer meant. */
export const REPEATED = Symbol('repeated');

/**
 * The one value of a request header, from the raw list: Node keeps only the first of some repeated headers
 * (`Authorization`) and joins others, and either would hide a repetition. `name` is lowercase.
 */
export function singleHeader(raw: IncomingMessage, name: string): string | typeof REPEATED | undefined {
  const rawHeaders = raw.rawHeaders;
  let found: string | undefined;
  for (let index = 0; index < rawHeaders.length; index += 2) {
    const header = rawHeaders[index];
    if (header.length !== name.length || header.toLowerCase() !== name) continue;
    if (found !== undefined) return REPEATED;
    found = rawHeaders[index + 1];
  }
  return found;
}
