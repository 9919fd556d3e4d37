import type { ConfidentialClientApplication } from '@azure/msal-node';
import type { MsalClientFactory } from '@app/token-core';
import { LRUCache } from 'lru-cache';
import { AGENT_CLIENT_PARTITION_SIZE, MAX_AGENT_CLIENTS } from './agent.constants';
import { ClientPartition } from './client-partition';

/** Where an agent client gets its client assertion: the blueprint's T1 for that agent and tenant (spec E.3.1). */
export type BlueprintAssertionSource = (agentId: string, tenant: string) => Promise<string>;

/**
 * msal instances of the agent identities (dependencies.md §3.7): one per agent and tenant whose credential is
 * T1, asked for whenever msal calls the token endpoint. Bounded by an LRU (a fleet of agents must not grow
 * memory without bound) and partitioned like the sidecar's own user clients.
 */
export class AgentClients {
  private readonly agents = new LRUCache<string, ClientPartition<ConfidentialClientApplication>>({
    max: MAX_AGENT_CLIENTS,
  });

  constructor(
    private readonly factory: MsalClientFactory,
    private readonly blueprintAssertion: BlueprintAssertionSource,
  ) {}

  /** A client of the agent identity `agentId` in `tenant`. */
  agent(agentId: string, tenant: string): ConfidentialClientApplication {
    const key = `${agentId}|${tenant.toLowerCase()}`;
    let partition = this.agents.get(key);
    if (partition === undefined) {
      partition = new ClientPartition(
        () => this.factory.assertionClient(agentId, tenant, () => this.blueprintAssertion(agentId, tenant)),
        AGENT_CLIENT_PARTITION_SIZE,
      );
      this.agents.set(key, partition);
    }
    return partition.next();
  }
}
