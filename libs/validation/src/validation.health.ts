import { ReadinessRegistry } from '@app/health';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { InboundTokenValidator } from './inbound-token.validator';
import { SigningKeyStore } from './keys/signing-key-store';

/**
 * Readiness: the authority's metadata and signing keys have been loaded (and are kept while it is down). Also
 * how full the verified-token cache is (never down: a full cache only evicts).
 */
@Injectable()
export class ValidationHealth implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly indicators: HealthIndicatorService,
    private readonly keys: SigningKeyStore,
    private readonly validator: InboundTokenValidator,
  ) {}

  onModuleInit(): void {
    this.registry.register('signing-keys', () => {
      const indicator = this.indicators.check('signing-keys');
      return this.keys.loaded
        ? indicator.up()
        : indicator.down({ reason: 'metadata and signing keys not loaded yet' });
    });
    this.registry.register('verified-token-cache', () => {
      const { size, bytes } = this.validator.cacheUsage;
      return this.indicators.check('verified-token-cache').up({ entries: size, bytes });
    });
  }
}
