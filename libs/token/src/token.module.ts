import { downstreamApisConfig } from '@app/config';
import { ReadinessRegistry } from '@app/health';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { ValidationModule } from '@app/validation';
import { Inject, Module, type OnModuleDestroy, type OnModuleInit, Optional } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { AgentTokenAcquirer } from './acquisition/agent/agent-token.acquirer';
import { AgentChainAcquirer } from './acquisition/agent/agent-chain.acquirer';
import { appProfileProblems } from './app-profile.check';
import { AuthorizationHeaderProvider } from './authorization-header.provider';
import { CredentialLoader } from './credentials/credential-loader';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import { TokenCachedAnswers } from './token.cached-answers';
import { TokenController } from './token.controller';
import { TokenHealthIndicator } from './token.health';
import { TokenMetrics } from './token.metrics';
import { DISTRIBUTED_TOKEN_STORE, TOKEN_INFRASTRUCTURE } from './token.providers';
import type { DistributedTokenStore } from './cache/distributed-token-store';

const REDIS_STARTUP_WAIT_MS = 2_000;

/** Token acquisition: the two `/AuthorizationHeader*` routes and the services `/DownstreamApi*` reuse. */
@Module({
  imports: [ValidationModule],
  controllers: [TokenController],
  providers: [
    ...TOKEN_INFRASTRUCTURE,
    DownstreamOptionsResolver,
    AuthorizationHeaderProvider,
    TokenMetrics,
    TokenHealthIndicator,
    TokenCachedAnswers,
    { provide: AgentTokenAcquirer, useClass: AgentChainAcquirer },
  ],
  exports: [DownstreamOptionsResolver, AuthorizationHeaderProvider, AgentTokenAcquirer],
})
export class TokenModule implements OnModuleInit, OnModuleDestroy {
  constructor(
    @Inject(downstreamApisConfig.KEY) private readonly profiles: ConfigType<typeof downstreamApisConfig>,
    private readonly readiness: ReadinessRegistry,
    private readonly health: TokenHealthIndicator,
    private readonly credentials: CredentialLoader,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
    @Optional() @Inject(DISTRIBUTED_TOKEN_STORE) private readonly store?: DistributedTokenStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const problems = appProfileProblems(this.profiles);
    if (problems.length > 0) throw new Error(`Invalid token configuration:\n${problems.join('\n')}`);
    this.readiness.register('token-credentials', () => this.health.check('token-credentials'));
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
