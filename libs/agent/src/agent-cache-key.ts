import { tokenCacheKey } from '@app/token-core';
import type { AgentRequest } from './agent-request';

/**
 * Cache key of an agent's final token (dependencies.md §3.6): flow, blueprint, tenant, sorted scopes, claims,
 * and who the token is for — the agent, plus the agent user (E.4, like the reference's
 * `{agentId}:{UPPER(upn or oid)}:{UPPER(tenant)}`) or the hash of the inbound assertion (E.5).
 */
export function agentCacheKey(
  request: AgentRequest,
  blueprint: { clientId: string; instance: string },
): string {
  return tokenCacheKey({
    flow: request.flow,
    clientId: blueprint.clientId,
    authority: blueprint.instance,
    tenant: request.tenant,
    scopes: request.scopes,
    assertion: request.assertion,
    claims: request.claims,
    agent: `${request.agentId}:${subjectOf(request)}`,
  });
}

function subjectOf(request: AgentRequest): string {
  if (request.user === undefined) return '';
  // UPNs are case-insensitive; object ids were canonicalised (lower-case `D` format) by the parser.
  return 'username' in request.user
    ? `upn:${request.user.username.toUpperCase()}`
    : `oid:${request.user.userObjectId.toUpperCase()}`;
}
