/** The module: credentials, msal-node clients, the token cache and the sidecar's own flows, as services. */
export { TokenCoreModule } from './token-core.module';
/** The per-request options and context every flow reads (spec B.3, C.3), and an acquired header. */
export type {
  AgentParameters,
  AuthorizationHeaderResult,
  EffectiveAcquireTokenOptions,
  EffectiveDownstreamOptions,
  InboundAssertion,
  QueryParameters,
  RequestContext,
  SidecarRoute,
} from './token.types';
/** One token to acquire, a token as a flow returns it, and the flows the sidecar runs itself. */
export type { AcquiredToken, TokenFlow, TokenRequest } from './acquisition/token-request';
/** Whether a flow gets an app token (its plan depends on the options only). */
export { isAppFlow } from './acquisition/token-request';
/** Port of the PoP flow (spec F.5): `TokenAcquirers` serves it, `@app/signed-request` fills it. */
export { PopTokenAcquirer } from './acquisition/pop-token-acquirer';
/** Spec F.0: effective options to one token request and its cache key parts. */
export { type PlannedRequest, planTokenRequest } from './acquisition/token-request.planner';
/** The acquirer of each of the sidecar's own flows. */
export { TokenAcquirers } from './acquisition/token-acquirers';
/** Any acquisition failure to the reference's answer (401 with Entra's text, else 500). */
export { AcquisitionErrors } from './acquisition/acquisition-errors';
/** A direct POST to the token endpoint with the sidecar's own credential, for what msal-node cannot send. */
export { TokenEndpointClient, type TokenEndpointRequest } from './acquisition/direct/token-endpoint.client';
/** msal-node confidential clients per tenant, built from the loaded credential. */
export { MsalClientFactory } from './acquisition/msal/msal-client.factory';
/** msal-node results and requests, in the shape every flow shares. */
export { toAcquiredToken, withExtraQuery } from './acquisition/msal/msal-result';
export { onBehalfOfRequest } from './acquisition/msal/on-behalf-of-request';
export { clientCredentialRequest } from './acquisition/msal/client-credential-request';
/** The sidecar's token cache: bounded memory LRU, single-flight, optional encrypted Redis second level. */
export { TokenCache, type TokenCacheEntry, type TokenCacheLimits } from './cache/token-cache';
/** A cached token, and the key every cache entry is stored under. */
export type { CachedToken } from './cache/cached-token';
export { sha256, tokenCacheKey } from './cache/token-cache-key';
/** The shared (Redis) store, injected under `DISTRIBUTED_TOKEN_STORE` (undefined with memory only). */
export type { DistributedTokenStore } from './cache/distributed-token-store';
export { DISTRIBUTED_TOKEN_STORE } from './token-core.constants';
/** Token acquisition metrics (`sidecar_token_*`). */
export { TokenMetrics } from './token.metrics';
/** Detail of the 401 for a user flow without a user (spec C.3 step 7, F.1). */
export { NO_ACCOUNT_DETAIL } from './token-core.constants';
