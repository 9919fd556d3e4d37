import { Inject, Injectable } from '@nestjs/common';
import { ConfigService, type ConfigType } from '@nestjs/config';
import { Test, type TestingModule } from '@nestjs/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIGURATION_TREE } from './config.constants';
import { SidecarConfigModule } from './config.module';
import { ConfigurationTree } from './configuration-tree';
import { loadConfiguration } from './load-configuration';
import { azureAdConfig, downstreamApisConfig, hostConfig, loggingConfig, sidecarConfig } from './namespaces';

@Injectable()
class IdentityConsumer {
  constructor(
    @Inject(azureAdConfig.KEY) readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(downstreamApisConfig.KEY) readonly apis: ConfigType<typeof downstreamApisConfig>,
  ) {}
}

const loadFor = (clientId: string, environment: string) =>
  loadConfiguration({
    cwd: join(tmpdir(), 'config-module-spec-no-files'),
    env: {
      ASPNETCORE_ENVIRONMENT: environment,
      AzureAd__TenantId: 'tenant',
      AzureAd__ClientId: clientId,
      [`DownstreamApis__${clientId}__Scopes`]: 'scope',
    },
    argv: [],
  });

describe('SidecarConfigModule', () => {
  const modules: TestingModule[] = [];
  const compile = async (clientId: string, environment: string) => {
    const moduleRef = await Test.createTestingModule({
      imports: [SidecarConfigModule.forRoot(loadFor(clientId, environment))],
      providers: [IdentityConsumer],
    }).compile();
    modules.push(moduleRef);
    return moduleRef;
  };
  afterEach(async () => {
    await Promise.all(modules.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('should provide every namespace and the configuration tree from the loaded configuration', async () => {
    // Arrange
    const moduleRef = await compile('app-one', 'Development');

    // Act
    const consumer = moduleRef.get(IdentityConsumer);
    const tree = moduleRef.get<ConfigurationTree>(CONFIGURATION_TREE);

    // Assert
    expect(consumer.azureAd.clientId).toBe('app-one');
    expect(consumer.apis.get('app-one')?.scopes).toEqual(['scope']);
    expect(moduleRef.get<ConfigType<typeof hostConfig>>(hostConfig.KEY).isDevelopment).toBe(true);
    expect(moduleRef.get<ConfigType<typeof sidecarConfig>>(sidecarConfig.KEY).allowOutboundRedirects).toBe(
      false,
    );
    expect(moduleRef.get<ConfigType<typeof loggingConfig>>(loggingConfig.KEY).level).toBe('info');
    expect(tree).toBeInstanceOf(ConfigurationTree);
    expect(tree.get('azuread:clientid')).toBe('app-one');
  });

  it('should keep two applications built in one process independent', async () => {
    // Arrange
    const first = await compile('app-one', 'Development');
    const second = await compile('app-two', 'Production');

    // Act
    const firstConsumer = first.get(IdentityConsumer);
    const secondConsumer = second.get(IdentityConsumer);

    // Assert
    expect(firstConsumer.azureAd.clientId).toBe('app-one');
    expect(secondConsumer.azureAd.clientId).toBe('app-two');
    expect(first.get(ConfigService).get<string>('azureAd.clientId')).toBe('app-one');
    expect(second.get(ConfigService).get<string>('azureAd.clientId')).toBe('app-two');
    expect(second.get<ConfigurationTree>(CONFIGURATION_TREE).get('AzureAd:ClientId')).toBe('app-two');
    expect(second.get<ConfigType<typeof hostConfig>>(hostConfig.KEY).isDevelopment).toBe(false);
  });

  it('should not expose process environment variables through ConfigService', async () => {
    // Arrange
    const moduleRef = await compile('app-one', 'Production');

    // Act
    const path = moduleRef.get(ConfigService).get<string>('PATH');

    // Assert
    expect(path).toBeUndefined();
  });

  it('should refuse to load an exported namespace outside SidecarConfigModule', () => {
    // Arrange / Act
    const load = () => azureAdConfig();

    // Assert
    expect(load).toThrow(/SidecarConfigModule\.forRoot/);
  });
});
