import type { IncomingMessage } from 'node:http';
import { REPEATED, singleHeader } from './request-headers';
import { refuse } from './signed-request.errors';

/** The request the caller received and the SHR was signed over, as the caller reports it (spec G.7). */
export interface OriginalRequest {
  /** `original-method`, as sent. */
  readonly method: string;
  /** `original-uri`, parsed: absolute, http or https, with a host. */
  readonly uri: URL;
  /** The query of `original-uri` exactly as written (after `?`, before `#`): what the signer hashed. */
  readonly rawQuery: string;
}

const MAX_URI_LENGTH = 8_192;

/**
 * Reads `original-method` and `original-uri`. Both are required and sent once; the URI must be absolute, since
 * `u` names its host. Only http and https are accepted: no other scheme reaches an API through a sidecar.
 */
export function originalRequest(raw: IncomingMessage): OriginalRequest {
  const method = singleHeader(raw, 'original-method');
  if (method === undefined || method === '') {
    throw refuse(
      'ORIGINAL_METHOD_MISSING',
      'The original-method header is required with a PoP signed request.',
    );
  }
  if (method === REPEATED)
    throw refuse('ORIGINAL_METHOD_MISSING', 'The original-method header must be sent once.');
  const text = singleHeader(raw, 'original-uri');
  if (text === undefined || text === '') {
    throw refuse('ORIGINAL_URI_MISSING', 'The original-uri header is required with a PoP signed request.');
  }
  if (text === REPEATED) throw refuse('ORIGINAL_URI_INVALID', 'The original-uri header must be sent once.');
  const uri = text.length <= MAX_URI_LENGTH ? URL.parse(text) : null;
  if (uri === null || (uri.protocol !== 'https:' && uri.protocol !== 'http:') || uri.hostname === '') {
    throw refuse('ORIGINAL_URI_INVALID', 'The original-uri header must be an absolute http or https URI.');
  }
  return { method, uri, rawQuery: rawQueryOf(text) };
}

function rawQueryOf(text: string): string {
  const start = text.indexOf('?');
  if (start === -1) return '';
  const end = text.indexOf('#', start);
  return text.slice(start + 1, end === -1 ? undefined : end);
}
