import type { AcquiredToken } from '@app/token-core';
import type { AgentAssertions } from './agent-assertions';
import type { AgentClients } from './agent-clients';
import type { AgentRequest } from './agent-request';

/** What every agent flow works with. */
export interface AgentFlowContext {
  readonly clients: AgentClients;
  readonly assertions: AgentAssertions;
}

/** One agent flow (spec E.3, E.4 or E.5): the legs after T1, which the agent client fetches itself. */
export type AgentFlowHandler = (context: AgentFlowContext, request: AgentRequest) => Promise<AcquiredToken>;
