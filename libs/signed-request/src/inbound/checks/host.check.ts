import { refuse } from '../signed-request.errors';

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * `u` is the host of the original URI, optionally with its port (`host:port`), as in the SHR draft §3: the
 * host compares case-insensitively (RFC 3986 §3.2.2); the port, when `u` has one, must be the URI's port or
 * the scheme's default when the URI has none, as the reference's `Uri.Port` reads it.
 */
export function checkHost(payload: Readonly<Record<string, unknown>>, uri: URL): void {
  if (typeof payload.u !== 'string') throw refuse('U_MISMATCH', "The signed HTTP request has no 'u' claim.");
  const signed = payload.u.toLowerCase();
  // URL lowercases the host (and brackets an IPv6 one), so `hostname` is already the canonical form.
  const host = uri.hostname;
  const port = uri.port === '' ? DEFAULT_PORT[uri.protocol] : uri.port;
  if (signed !== host && signed !== `${host}:${port}`) {
    throw refuse(
      'U_MISMATCH',
      "The signed HTTP request's 'u' does not match the host of the original-uri header.",
    );
  }
}
