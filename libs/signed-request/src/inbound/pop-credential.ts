import type { IncomingMessage } from 'node:http';
import { REPEATED, singleHeader } from './request-headers';
import { refuse } from './signed-request.errors';

// The scheme as ASP.NET matches it: case-insensitive, then whitespace.
const POP_PREFIX = /^pop(?:[ \t]+|$)/i;

/**
 * The signed HTTP request of `Authorization: PoP <SHR>` (spec G.7). The length cap runs before anything looks
 * at it: an SHR carries the access token (at most `Sidecar:Validation:MaxTokenLength`) base64url-encoded once
 * more, with a few claims, so twice that length is more than any genuine SHR needs.
 */
export function popCredential(raw: IncomingMessage, maxTokenLength: number): string {
  const header = singleHeader(raw, 'authorization');
  if (header === REPEATED) {
    throw refuse('SIGNED_REQUEST_MALFORMED', 'Only one Authorization header may be sent.');
  }
  const match = header === undefined ? null : POP_PREFIX.exec(header);
  const credential = match === null ? '' : header!.slice(match[0].length).trim();
  if (credential === '')
    throw refuse('MISSING_SIGNED_REQUEST', 'No signed HTTP request follows the PoP scheme.');
  if (credential.length > 2 * maxTokenLength) {
    throw refuse(
      'SIGNED_REQUEST_TOO_LARGE',
      `The signed HTTP request is longer than ${2 * maxTokenLength} characters.`,
    );
  }
  return credential;
}
