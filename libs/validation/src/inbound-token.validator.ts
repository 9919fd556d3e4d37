import { azureAdConfig, sidecarConfig } from '@app/config';
import type { CacheUsage } from '@app/observability';
import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { ConfigType } from '@nestjs/config';
import { VerifiedTokenCache } from './cache/verified-token-cache';
import { type AudiencePolicy, checkAudience } from './checks/audience.check';
import { checkHeader } from './checks/header.check';
import { checkIssuer, checkSigningKeyIssuer } from './checks/issuer.check';
import { checkLifetime } from './checks/lifetime.check';
import { checkSignature } from './checks/signature.check';
import { TokenDecryptor } from './decryption/token-decryptor';
import { bearerCredential, withinLengthCap } from './header/authorization-header';
import { authorizationHeaders } from './header/request-authorization';
import { isCompactJwe, parseCompactJws } from './header/compact-token';
import type { AuthorityMetadata } from './keys/authority-metadata';
import type { SigningKey } from './keys/signing-key';
import { SigningKeyStore } from './keys/signing-key-store';
import { type InboundProbe, InboundProbeMiss } from './inbound-probe';
import { type ValidatedToken, VerifiedToken } from './validated-token';
import { shareClaimValues } from './cache/shared-claim-values';
import { reject, toSidecarError, TokenRejection } from './validation.errors';
import { ValidationMetrics } from './validation.metrics';

/**
 * The inbound token pipeline (spec G, decisions §3), one named check after another:
 * credential → cache → decrypt (JWE) → parse → header rules → key by `kid` → signature → issuer →
 * signing-key issuer → audience → lifetime → cache. Every failure is one `TokenRejection`, answered as a 401.
 */
@Injectable()
export class InboundTokenValidator {
  private readonly cache: VerifiedTokenCache;
  private readonly audiences: AudiencePolicy;

  constructor(
    @Inject(azureAdConfig.KEY) azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    private readonly keys: SigningKeyStore,
    private readonly decryptor: TokenDecryptor,
    private readonly metrics: ValidationMetrics,
  ) {
    this.cache = new VerifiedTokenCache({
      maxBytes: sidecar.validation.verifiedTokenCacheBytes,
      maxEntries: sidecar.validation.verifiedTokenCacheSize,
    });
    keys.onKeysRemoved(() => this.cache.clear());
    metrics.trackCache(this.cache);
    const configured = [...(azureAd.audience === undefined ? [] : [azureAd.audience]), ...azureAd.audiences];
    this.audiences = { configured: new Set(configured), clientId: azureAd.clientId };
  }

  /**
   * Validates an `Authorization` header value; throws (or rejects with) `SidecarError('UNAUTHENTICATED')` with
   * a challenge. A token the verified-token cache holds is answered at once, not through a promise: most
   * requests carry a token seen before, and they then need no await.
   */
  validate(authorizationHeader: string | string[] | undefined): ValidatedToken | Promise<ValidatedToken> {
    let credential: string;
    try {
      credential = bearerCredential(authorizationHeader, this.sidecar.validation.maxTokenLength);
    } catch (error) {
      throw this.rejected(error);
    }
    return this.fromCache(credential) ?? this.validateFully(credential);
  }

  /**
   * Validates a compact token already taken out of its carrier (the `at` of a signed HTTP request, spec G.7)
   * by every rule a Bearer token passes, through the same verified-token cache. Throws or rejects as
   * `validate` does; the answer is the Bearer-shaped `ValidatedToken` of that token.
   */
  validateToken(token: string): ValidatedToken | Promise<ValidatedToken> {
    try {
      withinLengthCap(token, this.sidecar.validation.maxTokenLength);
    } catch (error) {
      throw this.rejected(error);
    }
    return this.fromCache(token) ?? this.validateFully(token);
  }

  /** The verified-token cache's entries and estimated bytes (readiness reports them). */
  get cacheUsage(): CacheUsage {
    return this.cache;
  }

  /**
   * One look at a request: its token when the verified-token cache holds it (counted as a validation answered
   * from the cache), or an `InboundProbeMiss` saying what `validateMiss` starts from. Never throws and never
   * awaits: the guards and the cached-answer fast path share this lookup, and a hit allocates nothing.
   */
  probe(request: IncomingMessage): InboundProbe {
    const header = authorizationHeaders(request);
    if (header === undefined) return InboundProbeMiss.NO_HEADER;
    if (Array.isArray(header)) return new InboundProbeMiss(header, undefined);
    let credential: string;
    try {
      credential = bearerCredential(header, this.sidecar.validation.maxTokenLength);
    } catch {
      return new InboundProbeMiss(header, undefined);
    }
    return this.fromCache(credential) ?? new InboundProbeMiss(header, credential);
  }

  /**
   * `validate` for a request `probe` already looked at: the cache is not asked again. Throws or rejects as
   * `validate` does (no credential, several headers, another scheme: a 401).
   */
  validateMiss(miss: InboundProbeMiss): ValidatedToken | Promise<ValidatedToken> {
    return miss.credential === undefined ? this.validate(miss.header) : this.validateFully(miss.credential);
  }

  private fromCache(credential: string): ValidatedToken | undefined {
    const cached = this.cache.get(credential, Date.now());
    if (cached !== undefined) this.metrics.valid(true);
    return cached;
  }

  private async validateFully(credential: string): Promise<ValidatedToken> {
    try {
      const validated = await this.validateCredential(credential);
      this.metrics.valid(false);
      return validated;
    } catch (error) {
      throw this.rejected(error);
    }
  }

  /** A rejection counted and turned into the 401 it answers; any other fault passes through as it is. */
  private rejected(error: unknown): unknown {
    if (!(error instanceof TokenRejection)) return error;
    this.metrics.rejected(error.reason);
    return toSidecarError(error);
  }

  private async validateCredential(credential: string): Promise<ValidatedToken> {
    const assertion = isCompactJwe(credential) ? await this.decryptor.decrypt(credential) : credential;
    const jws = parseCompactJws(assertion);
    const { alg, kid } = checkHeader(jws.header);
    const metadata = this.keys.snapshot ?? (await this.keys.current());
    if (metadata === undefined) {
      throw reject('METADATA_UNAVAILABLE', 'The signing keys of the authority could not be loaded.');
    }
    const key = checkSignature(jws, alg, await this.candidateKeys(kid, metadata));
    const claims = jws.payload;
    checkIssuer(claims, metadata);
    checkSigningKeyIssuer(claims, key, metadata);
    checkAudience(claims, this.audiences);
    const now = Date.now();
    const expiresAtMs = checkLifetime(claims, now, this.sidecar.validation.clockSkewMs);
    const validated = new VerifiedToken(credential, assertion, Object.freeze(shareClaimValues(claims)));
    this.cache.offer(validated, expiresAtMs, now);
    return validated;
  }

  // A token without `kid` may be verified by any published key (Entra always sends one); an unknown `kid`
  // asks the store for fresh keys under its cooldown policy, then looks once more.
  private async candidateKeys(
    kid: string | undefined,
    metadata: AuthorityMetadata,
  ): Promise<readonly SigningKey[]> {
    if (kid === undefined) return metadata.keys;
    const known = this.keys.findKey(kid);
    if (known) return [known];
    await this.keys.refetchForUnknownKid();
    const refreshed = this.keys.findKey(kid);
    if (refreshed) return [refreshed];
    throw reject(
      'SIGNING_KEY_NOT_FOUND',
      'The signing key was not found.',
      'The signature key was not found',
    );
  }
}
