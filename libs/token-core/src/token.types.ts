import type { AcquireTokenOptionsSettings } from '@app/config';

/** The four routes that resolve a downstream profile; each has its own override gate (spec B.4). */
export type SidecarRoute =
  | 'AuthorizationHeader'
  | 'AuthorizationHeaderUnauthenticated'
  | 'DownstreamApi'
  | 'DownstreamApiUnauthenticated';

/** Which agent flow the request asked for (spec E.1), after gating. */
export type AgentParameters =
  | { readonly kind: 'agent'; readonly agentIdentity: string }
  | { readonly kind: 'agentUserByUsername'; readonly agentIdentity: string; readonly username: string }
  | { readonly kind: 'agentUserById'; readonly agentIdentity: string; readonly userId: string };

/**
 * `AcquireTokenOptions` of the effective options (spec B.3): the configured section's fields that reach a token
 * request (`AuthenticationOptionsName` and `ExtraHeadersParameters` are read from configuration only), written
 * once, in `@app/config`; the overrides and the resolver's working copy derive from this one too.
 */
export type EffectiveAcquireTokenOptions = Omit<
  AcquireTokenOptionsSettings,
  'authenticationOptionsName' | 'extraHeadersParameters' | 'extraQueryParameters'
> & {
  /** Extra query parameters on the token request (configuration only). */
  readonly extraQueryParameters?: Readonly<Record<string, string>>;
};

/** The per-request merged copy of a `DownstreamApis` profile (spec B.3, C.3 steps 1–5, D). */
export interface EffectiveDownstreamOptions {
  readonly baseUrl?: string;
  readonly relativePath: string;
  readonly httpMethod: string;
  readonly acceptHeader: string;
  readonly contentType: string;
  /** undefined = no scopes configured or overridden. */
  readonly scopes?: readonly string[];
  readonly requestAppToken: boolean;
  readonly extraHeaderParameters: Readonly<Record<string, string>>;
  readonly extraQueryParameters: Readonly<Record<string, string>>;
  readonly acquireTokenOptions: EffectiveAcquireTokenOptions;
  /** Agent parameters in effect (gate on and `AgentIdentity` given, spec E.1); undefined otherwise. */
  readonly agent?: AgentParameters;
}

/**
 * What the token flows read of a validated inbound token: the assertion an on-behalf-of request sends, and its
 * claims (`tid`). Any validated token fits (`@app/validation`'s `ValidatedToken`, a PoP request's token), so the
 * token core does not depend on how a token was validated.
 */
export interface InboundAssertion {
  /** The JWS to use as the OBO assertion. */
  readonly assertion: string;
  readonly claims: Readonly<Record<string, unknown>>;
}

/**
 * A request's query parameters, read only: requests without a query string share one empty instance, so
 * nothing may change them.
 */
export type QueryParameters = Pick<URLSearchParams, 'size' | 'keys' | typeof Symbol.iterator>;

/** What the token routes know about the current request. */
export interface RequestContext {
  readonly route: SidecarRoute;
  readonly apiName: string;
  /** The raw query string, parsed with URLSearchParams (repeated keys kept, spec C.5). */
  readonly query: QueryParameters;
  /** The validated inbound token, when there is one (a `ValidatedToken` of `@app/validation`). */
  readonly inbound?: InboundAssertion;
}

/** An acquired authorization header (spec C.3 step 8, decisions §2). */
export interface AuthorizationHeaderResult {
  /** `<scheme> <token>`, e.g. `Bearer eyJ…`. */
  readonly authorizationHeader: string;
  readonly expiresOn: Date;
  /** Set when the sidecar allocated a long-running OBO session key (`AllocateForMe`). */
  readonly longRunningWebApiSessionKey?: string;
}
