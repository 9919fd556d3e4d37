import { ReadinessRegistry } from '@app/health';
import { Inject, Injectable, type OnModuleInit, Optional } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { DistributedTokenStore } from './cache/distributed-token-store';
import { TokenCache } from './cache/token-cache';
import { DISTRIBUTED_TOKEN_STORE } from './token-core.constants';

/**
 * Readiness reports the token cache: memory only, or Redis up, or Redis down with the memory cache serving.
 * Always up: the sidecar serves every request without Redis (decisions §3), so an outage of the shared cache
 * must not take the pod out of its Service; the probe body says so for the operator. It also reports how full the
 * memory level is (entries, and the bytes counted against `TokenCache:MaxBytes`).
 */
@Injectable()
export class TokenCacheHealth implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly indicators: HealthIndicatorService,
    private readonly cache: TokenCache,
    @Optional() @Inject(DISTRIBUTED_TOKEN_STORE) private readonly store?: DistributedTokenStore,
  ) {}

  onModuleInit(): void {
    this.registry.register('token-cache', () => this.check());
  }

  private check() {
    const indicator = this.indicators.check('token-cache');
    const memory = { entries: this.cache.size, bytes: this.cache.bytes };
    if (this.store === undefined) return indicator.up({ store: 'memory', ...memory });
    return this.store.isAvailable()
      ? indicator.up({ store: 'redis', redis: 'up', ...memory })
      : indicator.up({ store: 'redis', redis: 'down', serving: 'memory', ...memory });
  }
}
