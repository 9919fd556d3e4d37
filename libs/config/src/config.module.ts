import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { CONFIGURATION_TREE, NAMESPACE_NAMES } from './config.constants';
import type { LoadedConfiguration } from './load-configuration';

/** Makes one loaded configuration injectable app-wide: every namespace token and CONFIGURATION_TREE. */
@Module({})
export class SidecarConfigModule {
  /** Registers `loaded` globally; each call is independent, so two apps in one process see their own values. */
  static forRoot(loaded: LoadedConfiguration): DynamicModule {
    const { settings } = loaded;
    const load = [
      registerAs(NAMESPACE_NAMES.host, () => settings.host),
      registerAs(NAMESPACE_NAMES.azureAd, () => settings.azureAd),
      registerAs(NAMESPACE_NAMES.downstreamApis, () => settings.downstreamApis),
      registerAs(NAMESPACE_NAMES.sidecar, () => settings.sidecar),
      registerAs(NAMESPACE_NAMES.logging, () => settings.logging),
    ];
    return {
      module: SidecarConfigModule,
      global: true,
      imports: [
        // validatePredefined: false stops @nestjs/config copying process.env: this lib is the only reader.
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          skipProcessEnv: true,
          validatePredefined: false,
          load,
        }),
      ],
      providers: [{ provide: CONFIGURATION_TREE, useValue: loaded.tree }],
      exports: [CONFIGURATION_TREE],
    };
  }
}
