import { azureAdConfig } from '@app/config';
import { ReadinessRegistry } from '@app/health';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { CredentialLoader } from './credentials/credential-loader';

/** Readiness: the client credential loads (answered from the loader's cached result once it has). */
@Injectable()
export class TokenCredentialsHealth implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly indicators: HealthIndicatorService,
    private readonly credentials: CredentialLoader,
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
  ) {}

  onModuleInit(): void {
    this.registry.register('token-credentials', () => this.check());
  }

  /** Up when a credential loads, or when none is configured (validation-only deployments). */
  private async check() {
    const indicator = this.indicators.check('token-credentials');
    if (this.azureAd.clientCredentials.length === 0) return indicator.up({ credential: 'none configured' });
    try {
      const credential = await this.credentials.load();
      return indicator.up({ credential: credential.kind });
    } catch {
      // The reason is in the log (CredentialLoader); the probe body stays free of paths and secrets.
      return indicator.down({ credential: 'not loadable' });
    }
  }
}
