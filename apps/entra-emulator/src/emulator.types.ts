import type {
  ApplicationConfig,
  ApplicationInput,
  EmulatorConfig,
  ResolvedEmulatorConfig,
} from './config/config.schema';
import type { Fault } from './control/fault-injector';
import type { RecordedRequest, RequestFilter, RequestKind } from './control/request-log';
import type { SigningKeysInfo } from './tokens/signing-keys';

/** How to start an emulator. */
export interface EmulatorOptions {
  /** HTTPS port on 127.0.0.1 (advertised as `localhost:PORT`). @default 0 (ephemeral) */
  readonly port?: number;
  /** Plain-HTTP managed-identity port on 127.0.0.1. @default 0 (ephemeral) */
  readonly managedIdentityPort?: number;
  /** Where the development CA lives. @default `<cwd>/.certs` */
  readonly certsDir?: string;
  /** A configuration object (wins over `configPath`). */
  readonly config?: EmulatorConfig;
  /** A JSON configuration file. @default `<cwd>/apps/entra-emulator/config/demo-tenant.json` */
  readonly configPath?: string;
  /** Lifetime of issued access tokens. @default 3600 */
  readonly tokenLifetimeSeconds?: number;
}

/** Options of `mintAccessToken`: a user (delegated) or app token with any overrides, signed like real ones. */
export interface MintAccessTokenOptions {
  /** Tenant name, id or domain. @default the user's tenant, else the default tenant */
  readonly tenant?: string;
  /** @default the audience application's `accessTokenVersion` (2 when unknown) */
  readonly version?: '1.0' | '2.0';
  /** Client id, identifier URI or app name; any other string is used verbatim. @default the demo sidecar app */
  readonly audience?: string;
  /** User name, UPN or oid: makes a delegated token. Without it the token is app-only. */
  readonly user?: string;
  /** The client the token was issued to (`azp`/`appid`), app name or client id. @default the demo client app */
  readonly client?: string;
  /** `scp` values, short (`access_as_user`) or full (`api://…/access_as_user`, which also sets the audience). */
  readonly scopes?: string | readonly string[];
  /** Alias of `scopes`. */
  readonly scope?: string;
  /** `roles`. @default for app tokens: the roles granted to the client on the audience */
  readonly roles?: readonly string[];
  /** Claim overrides applied last; `null` or `undefined` removes a claim. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** JOSE header overrides (`kid`, `alg`, extra fields); the signature stays RS256 unless `alg: none`. */
  readonly header?: Readonly<Record<string, unknown>>;
  /** Lifetime in seconds. @default tokenLifetimeSeconds */
  readonly expiresIn?: number;
  /** `nbf`, seconds since the epoch. @default issuedAt */
  readonly notBefore?: number;
  /** `iat`, seconds since the epoch. @default now */
  readonly issuedAt?: number;
  /** `current` (default), `unpublished` (a key absent from the JWKS) or a published `{ kid }`. */
  readonly signWith?: 'current' | 'unpublished' | { readonly kid: string };
}

/** Query side of the request log. */
export interface EmulatorRequests {
  count(filter?: RequestFilter): number;
  list(filter?: RequestFilter): RecordedRequest[];
  /** The last token request (parsed form, tenant, headers) matching the filter. */
  lastTokenRequest(filter?: RequestFilter): RecordedRequest | undefined;
  /** Requests per kind since the last reset, never truncated (the list keeps the last 10,000). */
  totals(): Partial<Record<RequestKind, number>>;
  reset(): void;
}

/** Failure injection. */
export interface EmulatorFaults {
  inject(fault: Fault): { id: number };
  pending(): Fault[];
  clear(): void;
}

/** Endpoints of the plain-HTTP managed-identity listener. */
export interface ManagedIdentityEndpoints {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Value for `IDENTITY_ENDPOINT` (App Service shape). */
  readonly appServiceEndpoint: string;
  /** Value for `IDENTITY_HEADER`. */
  readonly identityHeader: string;
  /** Value for `AZURE_POD_IDENTITY_AUTHORITY_HOST` (IMDS shape). */
  readonly imdsHost: string;
}

/** A running emulator. */
export interface EntraEmulator {
  /** `https://localhost:PORT`; it also answers as `https://<name>.localhost:PORT`, a regional host. */
  readonly url: string;
  /** `localhost:PORT`: the value for msal's `knownAuthorities`. */
  readonly host: string;
  readonly caCertPath: string;
  readonly managedIdentity: ManagedIdentityEndpoints;
  /** The resolved configuration (live: `registerApplication` changes it). */
  readonly config: ResolvedEmulatorConfig;
  /** `https://localhost:PORT/{tenant}` (tenant as given). @default tenant: the default tenant's id */
  authority(tenant?: string): string;
  /** Issuer for a tenant (name, domain or id → its id): v2 `…/{tid}/v2.0`, v1 `…/{tid}/`. */
  issuer(tenant: string, version?: '1.0' | '2.0'): string;
  /** `https://localhost:PORT/{tenant}/oauth2/v2.0/token` */
  tokenEndpoint(tenant?: string): string;
  /** The tenant id for a name, domain or id. */
  tenantId(tenant?: string): string;
  mintAccessToken(options?: MintAccessTokenOptions): Promise<string>;
  /** Like `mintAccessToken`, also returning the claims and lifetime. */
  mintAccessTokenWithClaims(options?: MintAccessTokenOptions): Promise<MintedAccessToken>;
  readonly signingKeys: SigningKeysInfo;
  /**
   * Signs `<header>.<payload>` exactly as given (any text, even malformed) with the current key (RS256) and
   * returns the compact token: for tests that need bytes `mintAccessToken` cannot produce.
   */
  signRaw(signingInput: string): string;
  rotateSigningKey(options?: { retainPrevious?: boolean }): Promise<SigningKeysInfo>;
  readonly requests: EmulatorRequests;
  readonly faults: EmulatorFaults;
  /** Adds or replaces (by client id) an app registration, e.g. with a certificate made in a test. */
  registerApplication(application: ApplicationInput): ApplicationConfig;
  /** Makes every refresh token issued so far expired (AADSTS700082 on use). */
  expireRefreshTokens(): void;
  close(): Promise<void>;
}

export interface MintedAccessToken {
  readonly accessToken: string;
  readonly claims: Record<string, unknown>;
  readonly expiresIn: number;
}
