import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

/** Why a request carries no acceptable token; `reason` becomes the challenge's `error_description`. */
export class InvalidTokenError extends Error {
  constructor(
    readonly reason: string,
    /** `false` when the request had no credentials at all (RFC 6750 §3.1: then no error code). */
    readonly credentialsPresent = true,
  ) {
    super(reason);
    this.name = 'InvalidTokenError';
  }
}

/** The authority's metadata could not be read, so no token can be checked right now. */
export class AuthorityUnavailableError extends Error {
  constructor(cause: unknown) {
    super('The token issuer cannot be reached.', { cause });
    this.name = 'AuthorityUnavailableError';
  }
}

interface IssuerMetadata {
  readonly issuers: readonly string[];
  readonly keys: ReturnType<typeof createRemoteJWKSet>;
}

/** `https://host/{tenant}` (what the emulator prints) or `…/{tenant}/v2.0` → the v2.0 form, whose issuer Entra uses. */
export function v2Authority(authority: string | URL): string {
  const url = new URL(authority);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/v2.0') ? path : `${path}/v2.0`}`;
}

const BEARER = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i;

async function loadMetadata(authority: string): Promise<IssuerMetadata> {
  const response = await fetch(`${authority}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`discovery answered ${response.status}`);
  const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
  if (typeof document.issuer !== 'string' || typeof document.jwks_uri !== 'string')
    throw new Error('discovery document without issuer or jwks_uri');
  // The same tenant issues v1 tokens under `…/{tid}/` (Entra: sts.windows.net/{tid}/), v2 under `…/{tid}/v2.0`.
  const v1 = document.issuer.replace(/v2\.0\/?$/, '');
  return { issuers: [document.issuer, v1], keys: createRemoteJWKSet(new URL(document.jwks_uri)) };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'The token is expired.';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'The token is not meant for this API (aud).';
    if (error.claim === 'iss') return 'The token was issued by an untrusted issuer (iss).';
    if (error.claim === 'nbf') return 'The token is not valid yet (nbf).';
    return `The token's ${error.claim} claim is invalid.`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The token is not signed with RS256.';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The token is signed with an unknown key.';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The token signature is invalid.';
  return 'The token is malformed.';
}

// Fetching the key set failed (network, timeout, not 200, not a key set): the token may well be fine.
function isKeySetFailure(error: unknown): boolean {
  return (
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC'
  );
}

/**
 * Checks a bearer token the way an Entra-protected API must: signature against the authority's published
 * keys (RS256 only), issuer, audience and lifetime (`exp` required, `nbf` honoured, 5 minutes of clock skew).
 */
export class BearerTokenVerifier {
  private metadata?: Promise<IssuerMetadata>;

  private readonly authority: string;

  constructor(
    authority: string,
    private readonly audiences: readonly string[],
  ) {
    this.authority = v2Authority(authority);
  }

  async verify(authorization: string | undefined): Promise<JWTPayload> {
    if (!authorization) throw new InvalidTokenError('No bearer token.', false);
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw new InvalidTokenError('The Authorization header is not a bearer token.');
    const { issuers, keys } = await this.issuerMetadata();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: [...issuers],
        audience: [...this.audiences],
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: 300,
      });
      return payload;
    } catch (error) {
      throw isKeySetFailure(error)
        ? new AuthorityUnavailableError(error)
        : new InvalidTokenError(describe(error));
    }
  }

  private issuerMetadata(): Promise<IssuerMetadata> {
    // Cached once read; a failed read is forgotten so the next request tries again (the authority may start later).
    this.metadata ??= loadMetadata(this.authority).catch((error: unknown) => {
      this.metadata = undefined;
      throw new AuthorityUnavailableError(error);
    });
    return this.metadata;
  }
}
