/** The module: both `/AuthorizationHeader*` routes; exports the resolver and the header service. */
export { TokenModule } from './token.module';
/** Spec C.3 steps 1–5: profile copy, override gate, binding (C.5) and merge (D), scopes check, agent gate. */
export { DownstreamOptionsResolver, sharesOptions } from './downstream-options.resolver';
/** Spec C.3 steps 6–7 / F: the authorization header through the sidecar's cache, errors mapped (401 / 500). */
export { AuthorizationHeaderService } from './authorization-header.service';
/** Parses the raw query string of a Fastify request (never the framework-parsed one). */
export { rawQuery } from './token.controller';
/** OpenAPI: the agent and `optionsOverride.*` query parameters every token route declares. */
export { ApiTokenRouteQueries } from './api-token-route-queries.decorator';
/** Spec C.3 step 4 detail, shared with `/DownstreamApi*`. */
export { noScopesDetail } from './token.constants';
