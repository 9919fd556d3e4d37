import { toAcquiredToken, withExtraQuery } from '@app/token-core';
import type { AgentFlowHandler } from './agent-flow';

/**
 * Spec E.4, agent user identity: T2 (the agent's own exchange token), then `grant_type=user_fic` as the agent
 * (`client_assertion` = T1, `user_federated_identity_credential` = T2) naming the agent user by `username` or
 * `user_id`. The answer is a delegated token of that user with the agent facets (`xms_sub_fct` has 13).
 */
export const acquireAgentUserToken: AgentFlowHandler = async ({ clients, assertions }, request) => {
  if (request.user === undefined) throw new Error('The agent user flow needs a user.');
  const t2 = await assertions.agentToken(clients, request.agentId, request.tenant);
  const client = clients.agent(request.agentId, request.tenant);
  const result = await client.acquireTokenByUserFederatedIdentityCredential(
    withExtraQuery(
      {
        scopes: [...request.scopes],
        assertion: t2,
        ...request.user,
        claims: request.claims,
        correlationId: request.correlationId,
      },
      request.extraQueryParameters,
    ),
  );
  return toAcquiredToken(result);
};
