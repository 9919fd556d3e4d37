import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigurationError } from './config.errors';
import { loadConfiguration } from './load-configuration';

const IDENTITY = { AzureAd: { TenantId: 'tenant', ClientId: 'client' } };

describe('loadConfiguration', () => {
  let cwd: string;
  const writeSettings = (name: string, json: unknown) => writeFileSync(join(cwd, name), JSON.stringify(json));
  const failureOf = (load: () => unknown): ConfigurationError => {
    try {
      load();
    } catch (error) {
      if (error instanceof ConfigurationError) return error;
      throw error;
    }
    throw new Error('expected a ConfigurationError');
  };

  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'config-load-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('should layer appsettings < appsettings.{Environment} < environment variables < command line', () => {
    // Arrange
    writeSettings('appsettings.json', {
      ...IDENTITY,
      DownstreamApis: {
        A: { RelativePath: 'json', ContentType: 'json', AcceptHeader: 'json', ProtocolScheme: 'json' },
      },
    });
    writeSettings('appsettings.Staging.json', {
      DownstreamApis: { A: { ContentType: 'staging', AcceptHeader: 'staging', ProtocolScheme: 'staging' } },
    });
    const env = {
      ASPNETCORE_ENVIRONMENT: 'Staging',
      DownstreamApis__A__AcceptHeader: 'env',
      DownstreamApis__A__ProtocolScheme: 'env',
    };
    const argv = ['--DownstreamApis:A:ProtocolScheme=cli'];

    // Act
    const { settings } = loadConfiguration({ cwd, env, argv });

    // Assert
    expect(settings.downstreamApis.get('A')).toMatchObject({
      relativePath: 'json',
      contentType: 'staging',
      acceptHeader: 'env',
      protocolScheme: 'cli',
    });
    expect(settings.host.environment).toBe('Staging');
  });

  it('should choose the environment file from the command line, then ASPNETCORE_, then DOTNET_ENVIRONMENT', () => {
    // Arrange
    writeSettings('appsettings.json', IDENTITY);
    writeSettings('appsettings.Development.json', { AzureAd: { ClientId: 'dev' } });
    writeSettings('appsettings.Staging.json', { AzureAd: { ClientId: 'staging' } });

    // Act
    const fromCommandLine = loadConfiguration({
      cwd,
      env: { ASPNETCORE_ENVIRONMENT: 'Staging' },
      argv: ['--environment', 'Development'],
    });
    const fromAspNetCore = loadConfiguration({
      cwd,
      env: { ASPNETCORE_ENVIRONMENT: 'Staging', DOTNET_ENVIRONMENT: 'Development' },
      argv: [],
    });
    const fromDotNet = loadConfiguration({ cwd, env: { DOTNET_ENVIRONMENT: 'Development' }, argv: [] });
    const byDefault = loadConfiguration({ cwd, env: {}, argv: [] });

    // Assert
    expect(fromCommandLine.settings.azureAd.clientId).toBe('dev');
    expect(fromAspNetCore.settings.azureAd.clientId).toBe('staging');
    expect(fromDotNet.settings.azureAd.clientId).toBe('dev');
    expect(byDefault.settings.azureAd.clientId).toBe('client');
    expect(byDefault.settings.host.environment).toBe('Production');
  });

  it('should not take the environment name from a plain ENVIRONMENT variable or from appsettings', () => {
    // Arrange
    writeSettings('appsettings.json', { ...IDENTITY, environment: 'Development' });
    writeSettings('appsettings.Development.json', { AzureAd: { ClientId: 'dev' } });

    // Act
    const { settings } = loadConfiguration({ cwd, env: { ENVIRONMENT: 'Development' }, argv: [] });

    // Assert
    expect(settings.host).toMatchObject({ environment: 'Production', isDevelopment: false });
    expect(settings.azureAd.clientId).toBe('client');
  });

  it('should freeze the settings it returns', () => {
    // Arrange
    writeSettings('appsettings.json', IDENTITY);

    // Act
    const { settings } = loadConfiguration({ cwd, env: {}, argv: [] });

    // Assert
    expect(Object.isFrozen(settings.azureAd)).toBe(true);
    expect(Object.isFrozen(settings.host.listenAddresses[0])).toBe(true);
    expect(Object.isFrozen(settings.sidecar.allowOverrides)).toBe(true);
  });

  it('should merge keys case-insensitively across layers and keep the merged tree', () => {
    // Arrange
    writeSettings('appsettings.json', { azuread: { tenantid: 'json-tenant', clientid: 'json-client' } });
    const env = { AZUREAD__CLIENTID: 'env-client' };

    // Act
    const { settings, tree } = loadConfiguration({ cwd, env, argv: ['/AzureAd:TENANTID=cli-tenant'] });

    // Assert
    expect(settings.azureAd.clientId).toBe('env-client');
    expect(settings.azureAd.tenantId).toBe('cli-tenant');
    expect(tree.get('AzureAd:ClientId')).toBe('env-client');
  });

  it('should merge credential array entries from environment variables into the JSON array by index', () => {
    // Arrange
    writeSettings('appsettings.json', {
      AzureAd: {
        ...IDENTITY.AzureAd,
        ClientCredentials: [{ SourceType: 'Path', CertificateDiskPath: '/a.pfx' }],
      },
    });
    const env = {
      AzureAd__ClientCredentials__0__CertificatePassword: 'pfx-password',
      AzureAd__ClientCredentials__1__SourceType: 'SignedAssertionFilePath',
    };

    // Act
    const { settings } = loadConfiguration({ cwd, env, argv: [] });

    // Assert
    expect(settings.azureAd.clientCredentials).toMatchObject([
      { sourceType: 'Path', certificateDiskPath: '/a.pfx', certificatePassword: 'pfx-password' },
      { sourceType: 'SignedAssertionFilePath' },
    ]);
  });

  it('should read the listening address from ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS', () => {
    // Arrange
    writeSettings('appsettings.json', IDENTITY);

    // Act
    const urls = loadConfiguration({ cwd, env: { ASPNETCORE_URLS: 'http://+:5000' }, argv: [] });
    const ports = loadConfiguration({ cwd, env: { ASPNETCORE_HTTP_PORTS: '8080' }, argv: [] });
    const kestrel = loadConfiguration({
      cwd,
      env: { ASPNETCORE_URLS: 'http://+:1', Kestrel__Endpoints__Http__Url: 'http://127.0.0.1:5000' },
      argv: [],
    });

    // Assert
    expect(urls.settings.host.listenAddresses).toEqual([{ url: 'http://+:5000', host: '::', port: 5000 }]);
    expect(ports.settings.host.listenAddresses).toEqual([{ url: 'http://*:8080', host: '::', port: 8080 }]);
    expect(kestrel.settings.host.listenAddresses).toEqual([
      { url: 'http://127.0.0.1:5000', host: '127.0.0.1', port: 5000 },
    ]);
  });

  it('should list every problem from every source and namespace, one line each, naming the env form', () => {
    // Arrange
    writeSettings('appsettings.json', {
      AzureAd: { ClientCredentials: [{ SourceType: 'StoreWithThumbprint' }] },
    });
    writeFileSync(join(cwd, 'appsettings.Production.json'), '{ oops');
    const env = {
      ASPNETCORE_URLS: 'https://+:443',
      Sidecar__AllowOutboundRedirects: 'yes',
      Logging__LogLevel__Default: 'Loud',
    };

    // Act
    const error = failureOf(() =>
      loadConfiguration({ cwd, env, argv: ['-x=1', '--DownstreamApis:Api:HttpMethod=G T'] }),
    );

    // Assert
    expect(error.problems.map((problem) => problem.key)).toEqual([
      'appsettings.Production.json',
      '-x',
      'urls',
      'AzureAd:ClientId',
      'AzureAd:ClientCredentials:0:SourceType',
      'AzureAd:TenantId',
      'DownstreamApis:Api:HttpMethod',
      'Sidecar:AllowOutboundRedirects',
      'Logging:LogLevel:Default',
    ]);
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(error.problems.length);
    expect(lines).toContain('AzureAd:ClientId (env AzureAd__ClientId): is required');
    expect(lines).toContain(
      'Sidecar:AllowOutboundRedirects (env Sidecar__AllowOutboundRedirects): must be true or false',
    );
    expect(lines.find((line) => line.startsWith('urls'))).toMatch(
      /^urls \(env ASPNETCORE_URLS\): .*plain HTTP/,
    );
  });

  it('should never put a secret value in a problem', () => {
    // Arrange
    const secrets = ['client-secret-value', 'pfx-password-value', 'QmFzZTY0U2VjcmV0', 'legacy-secret-value'];
    writeSettings('appsettings.json', {
      AzureAd: {
        ClientSecret: secrets[3],
        ClientCredentials: [
          { SourceType: secrets[0], ClientSecret: secrets[0] },
          { SourceType: 'Path', CertificatePassword: secrets[1] },
          { SourceType: 'Base64Encoded', Base64EncodedValue: { nested: secrets[2] }, Skip: secrets[1] },
        ],
      },
    });

    // Act
    const error = failureOf(() => loadConfiguration({ cwd, env: {}, argv: [] }));

    // Assert
    expect(error.problems.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('nested');
  });

  it('should load with no files, taking defaults, when identity comes from the environment', () => {
    // Arrange
    const env = { AzureAd__TenantId: 't', AzureAd__ClientId: 'c' };

    // Act
    const { settings } = loadConfiguration({ cwd, env, argv: [] });

    // Assert
    expect(settings.host.listenAddresses).toEqual([
      { url: 'http://0.0.0.0:5000', host: '0.0.0.0', port: 5000 },
    ]);
    expect(settings.downstreamApis.size).toBe(0);
    expect(settings.sidecar.allowOverrides.getAuthorizationHeader).toBe(true);
    expect(settings.logging.level).toBe('info');
  });
});
