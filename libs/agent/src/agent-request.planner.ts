import type { AzureAdSettings } from '@app/config';
import { SidecarError } from '@app/problem-details';
import {
  type AgentParameters,
  type EffectiveDownstreamOptions,
  NO_ACCOUNT_DETAIL,
  planTokenRequest,
  type RequestContext,
  type TokenRequest,
} from '@app/token-core';
import type { AgentRequest, AgentUser } from './agent-request';
import { AGENT_USER_ON_APP_PATH_DETAIL, TOKEN_EXCHANGE_SCOPE } from './agent.constants';

// msal adds these itself to user_fic and OBO requests (spec F.0, E.4.3).
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access']);

/**
 * Spec E.2, the decisive rule: app or user path is chosen by `RequestAppToken` / `ManagedIdentity` only, never
 * by the agent parameters or an inbound token. Tenant, scope and claims rules are the sidecar's own flows'
 * (planTokenRequest), so an agent leg goes to exactly the tenant the non-agent flow would use.
 */
export function planAgentRequest(
  options: EffectiveDownstreamOptions,
  context: RequestContext,
  azureAd: AzureAdSettings,
  claimsOverride?: string,
): AgentRequest {
  const agent = options.agent;
  if (agent === undefined) throw new Error('An agent request needs agent parameters.');
  // The agent chain always authenticates with the blueprint's configured credential; ManagedIdentity only
  // selects the app path here (spec F.0), session keys belong to the sidecar's own OBO (spec F.4), and a
  // profile's FmiPath is not used: the chain's only fmi_path is the agent's, on T1 (spec E.3.1).
  const acquire = {
    ...options.acquireTokenOptions,
    managedIdentity: undefined,
    longRunningWebApiSessionKey: undefined,
  };
  const appPath = options.requestAppToken || options.acquireTokenOptions.managedIdentity !== undefined;
  const plan = (overrides: Partial<EffectiveDownstreamOptions>) =>
    planTokenRequest(
      { ...options, acquireTokenOptions: acquire, ...overrides },
      context,
      azureAd,
      claimsOverride,
    ).request;

  if (appPath) {
    if (agent.kind !== 'agent') throw new SidecarError('BAD_REQUEST', AGENT_USER_ON_APP_PATH_DETAIL);
    const request = plan({ requestAppToken: true });
    return { ...commonOf(request), flow: 'agent_app', agentId: agent.agentIdentity };
  }
  const user = agentUserOf(agent);
  if (user !== undefined) {
    // Spec E.4: no inbound token is involved, so the legs run in the app tenant (override or configured, with
    // the app path's meta-tenant rule), planned like the exchange leg T1 that starts the chain.
    const exchange = plan({ requestAppToken: true, scopes: [TOKEN_EXCHANGE_SCOPE] });
    const scopes = (options.scopes ?? []).filter((scope) => !OIDC_SCOPES.has(scope.toLowerCase()));
    return { ...commonOf(exchange), flow: 'agent_user', agentId: agent.agentIdentity, scopes, user };
  }
  // Spec E.2 row 3: the user path without a user fails like the reference's silent lookup.
  if (context.inbound === undefined) throw new SidecarError('UNAUTHENTICATED', NO_ACCOUNT_DETAIL);
  const request = plan({});
  return {
    ...commonOf(request),
    flow: 'agent_obo',
    agentId: agent.agentIdentity,
    assertion: request.assertion,
  };
}

function agentUserOf(agent: AgentParameters): AgentUser | undefined {
  if (agent.kind === 'agentUserByUsername') return { username: agent.username };
  if (agent.kind === 'agentUserById') return { userObjectId: agent.userId };
  return undefined;
}

function commonOf(request: TokenRequest): Omit<AgentRequest, 'flow' | 'agentId'> {
  return {
    tenant: request.tenant,
    scopes: request.scopes,
    claims: request.claims,
    correlationId: request.correlationId,
    forceRefresh: request.forceRefresh,
    extraQueryParameters: request.extraQueryParameters,
  };
}
