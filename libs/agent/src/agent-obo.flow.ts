import { onBehalfOfRequest, toAcquiredToken } from '@app/token-core';
import type { AgentFlowHandler } from './agent-flow';

/**
 * Spec E.5, agent OBO ("interactive agent"): on-behalf-of performed *as the agent identity* (`client_id` =
 * agent, `client_assertion` = T1) with the caller's validated user token as `assertion`. The token is the
 * user's (`oid`), issued to the agent (`azp`).
 */
export const acquireAgentOboToken: AgentFlowHandler = async ({ clients }, request) => {
  const oboRequest = onBehalfOfRequest(request, 'agent OBO');
  const client = clients.agent(request.agentId, request.tenant);
  return toAcquiredToken(await client.acquireTokenOnBehalfOf(oboRequest));
};
