import { type LoadedConfiguration, SidecarConfigModule } from '@app/config';
import { DownstreamModule } from '@app/downstream';
import { HealthModule } from '@app/health';
import { ObservabilityModule } from '@app/observability';
import { ProblemDetailsModule } from '@app/problem-details';
import { SignedRequestModule } from '@app/signed-request';
import { TokenModule } from '@app/token';
import { ValidationModule } from '@app/validation';
import { type DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';

/** The whole sidecar: configuration, the shared HTTP pipeline, and each capability's module. */
@Module({})
export class AppModule {
  static forRoot(configuration: LoadedConfiguration, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SidecarConfigModule.forRoot(configuration),
        ObservabilityModule.forRoot(logger),
        ProblemDetailsModule,
        HealthModule,
        ValidationModule,
        TokenModule,
        DownstreamModule,
        SignedRequestModule,
      ],
    };
  }
}
