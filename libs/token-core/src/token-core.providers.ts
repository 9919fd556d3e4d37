import { azureAdConfig, CONFIGURATION_TREE, type ConfigurationTree, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import type { Provider } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { ClientCredentialsAcquirer } from './acquisition/client-credentials.acquirer';
import { ManagedIdentityAcquirer } from './acquisition/managed-identity.acquirer';
import { MsalClientFactory } from './acquisition/msal/msal-client.factory';
import { OnBehalfOfAcquirer } from './acquisition/on-behalf-of.acquirer';
import type { TokenAcquirer } from './acquisition/token-request';
import type { DistributedTokenStore } from './cache/distributed-token-store';
import { RedisTokenStore } from './cache/redis-token.store';
import { SessionStore } from './cache/session-store';
import { TokenCache } from './cache/token-cache';
import { LongRunningOboAcquirer } from './acquisition/long-running-obo.acquirer';
import {
  basicSourceFactory,
  CredentialLoader,
  managedIdentitySourceFactory,
} from './credentials/credential-loader';
import { ManagedIdentityClients } from './acquisition/msal/managed-identity-clients';
import { TimeoutNetworkClient } from './acquisition/msal/timeout-network-client';
import { TokenEndpointClient } from './acquisition/direct/token-endpoint.client';
import { DISTRIBUTED_TOKEN_STORE, TOKEN_ACQUIRERS } from './token-core.constants';
import { TokenMetrics } from './token.metrics';

// A cache that answers slower than this is treated as unavailable for that request.
const REDIS_COMMAND_TIMEOUT_MS = 500;
/** Long-running OBO sessions kept in memory when `TokenCache:MaxEntries` sets no cap (Redis keeps them all). */
const MAX_SESSIONS = 10_000;

/** Providers that build the credential, msal and cache machinery from configuration. */
export const TOKEN_CORE_PROVIDERS: Provider[] = [
  {
    provide: TimeoutNetworkClient,
    inject: [sidecarConfig.KEY],
    useFactory: (sidecar: ConfigType<typeof sidecarConfig>) =>
      new TimeoutNetworkClient(sidecar.tokenAcquisition.timeoutMs),
  },
  {
    provide: ManagedIdentityClients,
    inject: [TimeoutNetworkClient],
    useFactory: (network: TimeoutNetworkClient) => new ManagedIdentityClients(network),
  },
  {
    provide: CredentialLoader,
    inject: [
      azureAdConfig.KEY,
      sidecarConfig.KEY,
      CONFIGURATION_TREE,
      ManagedIdentityClients,
      OBSERVABILITY_LOGGER,
    ],
    useFactory: (
      azureAd: ConfigType<typeof azureAdConfig>,
      sidecar: ConfigType<typeof sidecarConfig>,
      tree: ConfigurationTree,
      identities: ManagedIdentityClients,
      logger: Logger,
    ) =>
      new CredentialLoader(
        azureAd.clientCredentials,
        [
          basicSourceFactory(tree.get('AZURE_FEDERATED_TOKEN_FILE')),
          managedIdentitySourceFactory(identities, sidecar.tokenAcquisition.timeoutMs),
        ],
        logger.child({ component: 'token' }),
      ),
  },
  {
    provide: MsalClientFactory,
    inject: [azureAdConfig.KEY, CredentialLoader, TimeoutNetworkClient],
    useFactory: (
      azureAd: ConfigType<typeof azureAdConfig>,
      credentials: CredentialLoader,
      network: TimeoutNetworkClient,
    ) => new MsalClientFactory(azureAd, credentials, network),
  },
  {
    provide: TokenEndpointClient,
    inject: [azureAdConfig.KEY, sidecarConfig.KEY, CredentialLoader],
    useFactory: (
      azureAd: ConfigType<typeof azureAdConfig>,
      sidecar: ConfigType<typeof sidecarConfig>,
      credentials: CredentialLoader,
    ) => new TokenEndpointClient(azureAd, credentials, sidecar.tokenAcquisition.timeoutMs),
  },
  {
    provide: TOKEN_ACQUIRERS,
    inject: [azureAdConfig.KEY, MsalClientFactory, ManagedIdentityClients, SessionStore],
    useFactory: (
      azureAd: ConfigType<typeof azureAdConfig>,
      clients: MsalClientFactory,
      identities: ManagedIdentityClients,
      sessions: SessionStore,
    ): TokenAcquirer[] => [
      new ClientCredentialsAcquirer(clients, azureAd.azureRegion),
      new OnBehalfOfAcquirer(clients),
      new ManagedIdentityAcquirer(identities),
      new LongRunningOboAcquirer(clients, sessions),
    ],
  },
  {
    provide: DISTRIBUTED_TOKEN_STORE,
    inject: [sidecarConfig.KEY, OBSERVABILITY_LOGGER],
    useFactory: (
      sidecar: ConfigType<typeof sidecarConfig>,
      logger: Logger,
    ): DistributedTokenStore | undefined => {
      const redis = sidecar.tokenCache.redis;
      if (redis === undefined) return undefined;
      return new RedisTokenStore(
        {
          connection: redis,
          encryptionKey: Buffer.from(redis.encryptionKey, 'base64'),
          keyPrefix: redis.keyPrefix,
          commandTimeoutMs: REDIS_COMMAND_TIMEOUT_MS,
        },
        logger.child({ component: 'token-cache' }),
      );
    },
  },
  {
    provide: TokenCache,
    inject: [sidecarConfig.KEY, DISTRIBUTED_TOKEN_STORE, TokenMetrics],
    useFactory: (
      sidecar: ConfigType<typeof sidecarConfig>,
      store: DistributedTokenStore | undefined,
      metrics: TokenMetrics,
    ) => {
      const cache = new TokenCache(sidecar.tokenCache, store);
      metrics.trackCache(cache);
      return cache;
    },
  },
  {
    provide: SessionStore,
    inject: [sidecarConfig.KEY, DISTRIBUTED_TOKEN_STORE],
    useFactory: (sidecar: ConfigType<typeof sidecarConfig>, store: DistributedTokenStore | undefined) =>
      new SessionStore(sidecar.tokenCache.maxEntries ?? MAX_SESSIONS, store),
  },
];
