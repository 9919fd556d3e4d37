/** The four routes that resolve downstream profiles, the per-request options and the acquired header. */
export type {
  AgentParameters,
  AuthorizationHeaderResult,
  EffectiveAcquireTokenOptions,
  EffectiveDownstreamOptions,
  RequestContext,
  SidecarRoute,
} from './token.types';
/** Spec C.3 steps 1–5: profile copy, override gate, binding (C.5) and merge (D), scopes check, agent gate. */
export { DownstreamOptionsResolver, type ResolveRules } from './downstream-options.resolver';
/** Spec C.3 steps 6–7 / F: token acquisition through the sidecar's cache, errors mapped (401 Entra / 500). */
export { AuthorizationHeaderProvider } from './authorization-header.provider';
/** Binds `optionsOverride.*` from a raw query string exactly as spec C.5 describes. */
export { bindOptionsOverride } from './overrides/options-override.binder';
/** The bound overrides and whether any was supplied. */
export type { BoundOverrides, OptionsOverride } from './overrides/options-override';
/** Spec E.1: the agent flow a query asks for (AgentIdentity / AgentUsername / AgentUserId). */
export { hasAgentParameters, parseAgentParameters } from './overrides/agent-parameters';
/** Parses the raw query string of a Fastify request (never the framework-parsed one). */
export { rawQuery } from './token.controller';
/** Port for agent identity tokens (spec E.3–E.5), bound to the agent chain (autonomous, agent user, agent OBO). */
export { AgentTokenAcquirer } from './acquisition/agent/agent-token.acquirer';
/** OpenAPI: the agent and `optionsOverride.*` query parameters every token route declares. */
export { ApiTokenRouteQueries } from './api-token-route-queries.decorator';
/** Spec C.3 step 4 detail, shared with `/DownstreamApi*`. */
export { noScopesDetail } from './token.constants';
/** Both `/AuthorizationHeader*` routes answered straight from the caches (a `CachedAnswerSource`). */
export { TokenCachedAnswers } from './token.cached-answers';
/** The module: both `/AuthorizationHeader*` routes; exports the resolver, the provider and the agent port. */
export { TokenModule } from './token.module';
