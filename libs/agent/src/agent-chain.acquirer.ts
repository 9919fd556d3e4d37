import { azureAdConfig, sidecarConfig } from '@app/config';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  type AcquiredToken,
  type EffectiveDownstreamOptions,
  MsalClientFactory,
  type RequestContext,
  TokenCache,
  TokenMetrics,
} from '@app/token-core';
import { acquireAgentAppToken } from './agent-app.flow';
import { AgentAssertions, type BlueprintSettings } from './agent-assertions';
import { agentCacheKey } from './agent-cache-key';
import { AgentClients } from './agent-clients';
import type { AgentFlowContext, AgentFlowHandler } from './agent-flow';
import { acquireAgentOboToken } from './agent-obo.flow';
import type { AgentFlow } from './agent-request';
import { planAgentRequest } from './agent-request.planner';
import { AgentTokenAcquirer } from './agent-token.acquirer';
import { acquireAgentUserToken } from './agent-user.flow';

const FLOWS: Readonly<Record<AgentFlow, AgentFlowHandler>> = {
  agent_app: acquireAgentAppToken,
  agent_user: acquireAgentUserToken,
  agent_obo: acquireAgentOboToken,
};

/**
 * The agent chain (spec E.2–E.5): picks the flow, then serves the final token from the sidecar's token cache
 * (single-flight, LRU, until 5 minutes before expiry) or runs the flow's legs. Errors surface unmapped: the
 * header provider maps them like every other flow's (spec C.3 step 7: Entra answers → 401, anything else → 500).
 */
@Injectable()
export class AgentChainAcquirer extends AgentTokenAcquirer {
  private readonly blueprint: BlueprintSettings;
  private readonly flowContext: AgentFlowContext;

  constructor(
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) sidecar: ConfigType<typeof sidecarConfig>,
    factory: MsalClientFactory,
    private readonly cache: TokenCache,
    private readonly metrics: TokenMetrics,
  ) {
    super();
    this.blueprint = { clientId: azureAd.clientId, instance: azureAd.instance };
    // T1/T2 are credentials: a memory-only cache of their own, never the shared (Redis) store.
    const assertions = new AgentAssertions(factory, new TokenCache(sidecar.tokenCache), this.blueprint);
    const clients = new AgentClients(factory, (agentId, tenant) =>
      assertions.blueprintToken(agentId, tenant),
    );
    this.flowContext = { clients, assertions };
  }

  async acquire(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    extra?: { claims?: string },
  ): Promise<AcquiredToken> {
    const request = planAgentRequest(options, context, this.azureAd, extra?.claims);
    const { token, outcome } = await this.cache.getOrAcquire(
      agentCacheKey(request, this.blueprint),
      request.forceRefresh,
      async () => {
        const acquired = await FLOWS[request.flow](this.flowContext, request);
        return { ...acquired, expiresOn: acquired.expiresOn.getTime() };
      },
    );
    this.metrics.cacheLookup(outcome);
    return {
      accessToken: token.accessToken,
      tokenType: token.tokenType,
      expiresOn: new Date(token.expiresOn),
    };
  }
}
