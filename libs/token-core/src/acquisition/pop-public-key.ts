import { SidecarError } from '@app/problem-details';

// Longer than any public JWK (an RSA-8192 key is about 1.5 KB encoded): anything larger is not a key.
const MAX_LENGTH = 8_192;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
// Members only a private JWK has (RFC 7518 §6.2.2, §6.3.2, §6.4.1; RFC 8037 §2 for OKP's `d`).
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/**
 * Spec F.5: `PopPublicKey` is base64url of a JSON object that names the caller's public key by `kid`, by
 * `jwk`, or both. It is sent to Entra as `req_cnf` exactly as given, so the sidecar only checks its shape:
 * what is wrong, or undefined when it is well formed. Never quotes the value: a mistaken caller may have put
 * a private key in it.
 */
export function popPublicKeyProblem(value: string): string | undefined {
  if (value.length > MAX_LENGTH) return `The PopPublicKey is longer than ${MAX_LENGTH} characters.`;
  if (!BASE64URL.test(value)) return 'The PopPublicKey is not base64url-encoded.';
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    return 'The PopPublicKey does not decode to JSON.';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.";
  }
  const { kid, jwk } = parsed as { kid?: unknown; jwk?: unknown };
  if (kid === undefined && jwk === undefined) {
    return "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.";
  }
  if (kid !== undefined && (typeof kid !== 'string' || kid === '')) {
    return "The PopPublicKey's 'kid' must be a non-empty string.";
  }
  return jwk === undefined ? undefined : jwkProblem(jwk);
}

function jwkProblem(jwk: unknown): string | undefined {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
    return "The PopPublicKey's 'jwk' must be a JSON Web Key object.";
  }
  const kty = (jwk as { kty?: unknown }).kty;
  if (typeof kty !== 'string' || kty === '') return "The PopPublicKey's 'jwk' has no 'kty'.";
  const secret = PRIVATE_MEMBERS.filter((member) => Object.hasOwn(jwk, member));
  if (secret.length > 0) {
    const names = secret.map((member) => `'${member}'`).join(', ');
    return `The PopPublicKey's 'jwk' carries private key material (${names}): send the public key only; the sidecar never takes a private key.`;
  }
  return undefined;
}

/** Throws the 400 for a malformed `PopPublicKey`, before any token request is made. */
export function assertPopPublicKey(value: string): void {
  const problem = popPublicKeyProblem(value);
  if (problem !== undefined) throw new SidecarError('BAD_REQUEST', problem);
}
