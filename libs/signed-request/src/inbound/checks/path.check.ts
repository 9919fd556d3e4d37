import { refuse } from '../signed-request.errors';

const EDGE_SLASHES = /^\/+|\/+$/g;

/**
 * `p` is the path of the original URI. As the reference does, leading and trailing slashes are ignored and
 * the rest compares case-sensitively (RFC 3986 §3.3 paths are case-sensitive). The URI's path is the one
 * `URL` gives, dot segments resolved and percent-encoded, as .NET's `Uri.AbsolutePath`.
 */
export function checkPath(payload: Readonly<Record<string, unknown>>, uri: URL): void {
  if (typeof payload.p !== 'string') throw refuse('P_MISMATCH', "The signed HTTP request has no 'p' claim.");
  if (payload.p.replace(EDGE_SLASHES, '') !== uri.pathname.replace(EDGE_SLASHES, '')) {
    throw refuse(
      'P_MISMATCH',
      "The signed HTTP request's 'p' does not match the path of the original-uri header.",
    );
  }
}
