import type { DirectoryUser } from '../config/directory';
import type { Resource } from '../config/resources';
import { buildAccessTokenClaims } from './access-token-claims';
import type { EmulatorUrls } from './emulator-urls';
import { signJwt, type JwtHeaderOverrides } from './jwt-signer';
import { SigningKeyRing, type SigningKey } from './signing-keys';
import { buildIdTokenClaims } from './user-tokens';

/** Everything needed to issue one access token. */
export interface IssueAccessTokenInput {
  readonly tenantId: string;
  readonly resource: Resource;
  /** Forces the token version; otherwise the resource's `accessTokenVersion`. */
  readonly version?: '1.0' | '2.0';
  /** Replaces the audience derived from the resource. */
  readonly audience?: string;
  readonly clientId: string;
  readonly clientObjectId: string;
  readonly clientAuthMethod: '0' | '1' | '2';
  readonly user?: DirectoryUser;
  readonly scopes?: readonly string[];
  readonly roles?: readonly string[];
  readonly subject?: string;
  readonly extraClaims?: Record<string, unknown>;
  readonly lifetimeSeconds?: number;
  readonly issuedAt?: number;
  readonly notBefore?: number;
  readonly header?: JwtHeaderOverrides;
  /** `current` (default), `unpublished` (a key missing from the JWKS), or a published kid. */
  readonly signWith?: 'current' | 'unpublished' | { readonly kid: string };
}

export interface IssuedAccessToken {
  readonly token: string;
  readonly claims: Record<string, unknown>;
  readonly expiresIn: number;
}

/** Issues signed Entra-shaped tokens with the emulator's keys. */
export class TokenFactory {
  constructor(
    private readonly keyRing: SigningKeyRing,
    private readonly urls: EmulatorUrls,
    private readonly defaultLifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  async accessToken(input: IssueAccessTokenInput): Promise<IssuedAccessToken> {
    const version = input.version ?? (input.resource.accessTokenVersion === 1 ? '1.0' : '2.0');
    const issuedAt = input.issuedAt ?? this.now();
    const lifetime = input.lifetimeSeconds ?? this.defaultLifetimeSeconds;
    const claims = buildAccessTokenClaims({
      tenantId: input.tenantId,
      version,
      issuer: this.urls.issuer(input.tenantId, version),
      audience: input.audience ?? (version === '2.0' ? input.resource.audienceV2 : input.resource.identifier),
      clientId: input.clientId,
      clientObjectId: input.clientObjectId,
      clientAuthMethod: input.clientAuthMethod,
      user: input.user,
      scopes: input.scopes,
      roles: input.roles,
      subject: input.subject,
      issuedAt,
      notBefore: input.notBefore ?? issuedAt,
      expiresAt: issuedAt + lifetime,
      extraClaims: input.extraClaims,
    });
    const key = await this.selectKey(input.signWith);
    const token = await signJwt(claims, key, input.header);
    return { token, claims: stripUndefined(claims), expiresIn: lifetime };
  }

  async idToken(user: DirectoryUser, clientId: string): Promise<string> {
    const claims = buildIdTokenClaims(
      user,
      clientId,
      this.urls.issuer(user.tenantId, '2.0'),
      this.now(),
      this.defaultLifetimeSeconds,
    );
    return signJwt(claims, this.keyRing.current);
  }

  private async selectKey(signWith: IssueAccessTokenInput['signWith']): Promise<SigningKey> {
    if (signWith === undefined || signWith === 'current') return this.keyRing.current;
    if (signWith === 'unpublished') return SigningKeyRing.createUnpublishedKey();
    const key = this.keyRing.find(signWith.kid);
    if (!key) throw new Error(`No published signing key with kid '${signWith.kid}'.`);
    return key;
  }
}

function stripUndefined(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
