import { downstreamApisConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { Inject, Module, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { AcquisitionErrors } from './acquisition/acquisition-errors';
import { MsalClientFactory } from './acquisition/msal/msal-client.factory';
import { TokenAcquirers } from './acquisition/token-acquirers';
import { TokenEndpointClient } from './acquisition/direct/token-endpoint.client';
import { appProfileProblems } from './app-profile.check';
import type { DistributedTokenStore } from './cache/distributed-token-store';
import { TokenCache } from './cache/token-cache';
import { CredentialLoader } from './credentials/credential-loader';
import { TOKEN_CORE_PROVIDERS } from './token-core.providers';
import { DISTRIBUTED_TOKEN_STORE } from './token-core.constants';
import { TokenCacheHealth } from './token-cache.health';
import { TokenCredentialsHealth } from './token-credentials.health';
import { TokenMetrics } from './token.metrics';

const REDIS_STARTUP_WAIT_MS = 2_000;

/**
 * What every token flow shares: the client credential, msal-node's clients, the token cache (memory and
 * Redis), the sidecar's own flows and their metrics. The routes and the agent flows are built on its services.
 */
@Module({
  providers: [
    ...TOKEN_CORE_PROVIDERS,
    TokenAcquirers,
    AcquisitionErrors,
    TokenMetrics,
    TokenCredentialsHealth,
    TokenCacheHealth,
  ],
  exports: [
    TokenCache,
    TokenAcquirers,
    AcquisitionErrors,
    MsalClientFactory,
    TokenMetrics,
    TokenEndpointClient,
    DISTRIBUTED_TOKEN_STORE,
  ],
})
export class TokenCoreModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(downstreamApisConfig.KEY) private readonly profiles: ConfigType<typeof downstreamApisConfig>,
    private readonly credentials: CredentialLoader,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(DISTRIBUTED_TOKEN_STORE) private readonly store?: DistributedTokenStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const problems = appProfileProblems(this.profiles);
    if (problems.length > 0) throw new Error(`Invalid token configuration:\n${problems.join('\n')}`);
    // Load the credential early so readiness reflects it and the first request does not pay for it.
    this.credentials
      .load()
      .catch(() => this.logger.warn({ component: 'token' }, 'No client credential could be loaded yet.'));
    // A shared cache that is down at startup is not fatal: the sidecar serves from memory until it is back.
    await this.store?.ready(REDIS_STARTUP_WAIT_MS);
  }

  async onModuleDestroy(): Promise<void> {
    await this.store?.close();
  }
}
