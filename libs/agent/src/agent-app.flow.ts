import { clientCredentialRequest, toAcquiredToken } from '@app/token-core';
import type { AgentFlowHandler } from './agent-flow';

/**
 * Spec E.3, autonomous agent: client credentials *as the agent identity* (`client_id` = agent,
 * `client_assertion` = T1) for the profile's one `/.default` scope. The token is app-only, `azp`/`oid` = agent.
 */
export const acquireAgentAppToken: AgentFlowHandler = async ({ clients }, request) => {
  const client = clients.agent(request.agentId, request.tenant);
  const result = await client.acquireTokenByClientCredential(clientCredentialRequest(request));
  return toAcquiredToken(result);
};
