import { toAcquiredToken, withExtraQuery } from '../msal/msal-result';
import type { AgentFlowHandler } from './agent-flow';

/**
 * Spec E.5, agent OBO ("interactive agent"): on-behalf-of performed *as the agent identity* (`client_id` =
 * agent, `client_assertion` = T1) with the caller's validated user token as `assertion`. The token is the
 * user's (`oid`), issued to the agent (`azp`).
 */
export const acquireAgentOboToken: AgentFlowHandler = async ({ clients }, request) => {
  if (request.assertion === undefined) throw new Error('The agent OBO flow needs an assertion.');
  const client = clients.agent(request.agentId, request.tenant);
  const result = await client.acquireTokenOnBehalfOf(
    withExtraQuery(
      {
        oboAssertion: request.assertion,
        scopes: [...request.scopes],
        skipCache: request.forceRefresh,
        claims: request.claims,
        correlationId: request.correlationId,
      },
      request.extraQueryParameters,
    ),
  );
  return toAcquiredToken(result);
};
