import { reject } from '../validation.errors';

const BEARER_PREFIX = 'bearer ';

/**
 * The credential of an `Authorization` header, the way ASP.NET's JwtBearer handler reads it (spec G.1):
 * only the `Bearer` scheme (case-insensitive) followed by a space counts; another scheme, no header or an
 * empty token mean "no credentials" (plain `Bearer` challenge). Several headers are refused outright: they
 * cannot be told apart safely. The length cap runs before anything else looks at the token.
 */
export function bearerCredential(header: string | string[] | undefined, maxLength: number): string {
  if (Array.isArray(header)) {
    if (header.length > 1) {
      throw reject('MULTIPLE_AUTHORIZATION_HEADERS', 'Only one Authorization header may be sent.');
    }
    header = header[0];
  }
  if (header === undefined || header.length <= BEARER_PREFIX.length) throw missing();
  if (header.slice(0, BEARER_PREFIX.length).toLowerCase() !== BEARER_PREFIX) throw missing();
  const token = header.slice(BEARER_PREFIX.length).trim();
  if (token === '') throw missing();
  return withinLengthCap(token, maxLength);
}

/** `token` itself, or a `TOKEN_TOO_LARGE` refusal when it is longer than the cap (checked before any parsing). */
export function withinLengthCap(token: string, maxLength: number): string {
  if (token.length > maxLength) {
    throw reject('TOKEN_TOO_LARGE', `The token is longer than ${maxLength} characters.`);
  }
  return token;
}

// ASP.NET compares scheme names case-insensitively; the bare word (nothing after it) still names the scheme.
const POP_SCHEME = /^pop(?:[ \t]|$)/i;

/** True for an `Authorization` value in the `PoP` scheme (spec G.7), whatever follows the scheme. */
export function isPopScheme(header: string): boolean {
  return POP_SCHEME.test(header);
}

const missing = () => reject('MISSING_CREDENTIALS', 'No Bearer token was presented.');
