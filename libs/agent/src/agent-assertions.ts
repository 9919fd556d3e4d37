import type { ConfidentialClientApplication } from '@azure/msal-node';
import {
  type CachedToken,
  type MsalClientFactory,
  toAcquiredToken,
  type TokenCache,
  tokenCacheKey,
} from '@app/token-core';
import { LRUCache } from 'lru-cache';
import type { AgentClients } from './agent-clients';
import { AGENT_CLIENT_PARTITION_SIZE, MAX_AGENT_CLIENTS, TOKEN_EXCHANGE_SCOPE } from './agent.constants';
import { ClientPartition } from './client-partition';

/** The blueprint whose agents these are. */
export interface BlueprintSettings {
  /** The blueprint's client id (`AzureAd:ClientId`). */
  readonly clientId: string;
  /** `AzureAd:Instance`, part of every cache key. */
  readonly instance: string;
}

/**
 * The exchange tokens of the agent chain, each cached (single-flight, until 5 minutes before expiry) per
 * blueprint + agent + tenant (spec E.3: "Both cached"). They are credentials: they live in a cache of their own
 * that is memory-only — never in the shared store — and are never logged.
 */
export class AgentAssertions {
  // The blueprint's T1 clients, apart from the sidecar's own app clients so a fleet's T1s never fill those.
  private readonly blueprints = new LRUCache<string, ClientPartition<Promise<ConfidentialClientApplication>>>(
    {
      max: MAX_AGENT_CLIENTS,
    },
  );

  constructor(
    private readonly factory: MsalClientFactory,
    private readonly cache: TokenCache,
    private readonly blueprint: BlueprintSettings,
  ) {}

  /**
   * T1 (spec E.3.1): client credentials as the blueprint, with its own credential, for the token exchange
   * resource with `fmi_path` = the agent, so that Entra issues a token whose subject is the agent identity.
   */
  async blueprintToken(agentId: string, tenant: string): Promise<string> {
    const key = this.key('agent_t1', this.blueprint.clientId, tenant, agentId);
    const { token } = await this.cache.getOrAcquire(key, false, async () => {
      const client = await this.blueprintClient(tenant);
      const result = await client.acquireTokenByClientCredential({
        scopes: [TOKEN_EXCHANGE_SCOPE],
        fmiPath: agentId,
        // Our cache answers repeats; msal's own look-up would only scan its partition for nothing.
        skipCache: true,
      });
      return toCached(result);
    });
    return token.accessToken;
  }

  /** T2 (spec E.4.2): client credentials as the agent (authenticated with T1) for the token exchange resource. */
  async agentToken(clients: AgentClients, agentId: string, tenant: string): Promise<string> {
    const key = this.key('agent_t2', agentId, tenant, agentId);
    const { token } = await this.cache.getOrAcquire(key, false, async () => {
      const client = clients.agent(agentId, tenant);
      return toCached(
        await client.acquireTokenByClientCredential({ scopes: [TOKEN_EXCHANGE_SCOPE], skipCache: true }),
      );
    });
    return token.accessToken;
  }

  private blueprintClient(tenant: string): Promise<ConfidentialClientApplication> {
    let partition = this.blueprints.get(tenant.toLowerCase());
    if (partition === undefined) {
      partition = new ClientPartition(() => this.factory.isolatedClient(tenant), AGENT_CLIENT_PARTITION_SIZE);
      this.blueprints.set(tenant.toLowerCase(), partition);
    }
    const owner = partition;
    const client = owner.next();
    // A credential that failed to load must not stay in use for the rest of the partition.
    client.catch(() => owner.discard(client));
    return client;
  }

  private key(flow: string, clientId: string, tenant: string, agentId: string): string {
    return tokenCacheKey({
      flow,
      clientId,
      authority: this.blueprint.instance,
      tenant,
      scopes: [TOKEN_EXCHANGE_SCOPE],
      agent: agentId,
    });
  }
}

function toCached(result: Parameters<typeof toAcquiredToken>[0]): CachedToken {
  const token = toAcquiredToken(result);
  return { accessToken: token.accessToken, tokenType: token.tokenType, expiresOn: token.expiresOn.getTime() };
}
