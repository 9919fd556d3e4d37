import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfiguration } from './load-configuration';
import { acquireTokenOptionsShape } from './schema/acquire-token-options.schema';
import { azureAdShape } from './schema/azure-ad.schema';
import { CREDENTIAL_SOURCE_TYPES } from './schema/credential-source-type';
import { credentialShape } from './schema/credential.schema';
import { downstreamApiShape } from './schema/downstream-apis.schema';
import { hostShape } from './schema/host.schema';
import { kestrelLimitsShape } from './schema/kestrel-limits.schema';
import { ASP_NET_LOG_LEVELS, logLevelShape } from './schema/logging.schema';
import { popValidationShape } from './schema/pop-validation.schema';
import { redisShape, redisTlsShape } from './schema/redis.schema';
import { allowOverridesShape, sidecarShape } from './schema/sidecar.schema';

interface SchemaNode {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  anyOf?: SchemaNode[];
  enum?: unknown[];
  default?: unknown;
}

const schema = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'appsettings.schema.json'), 'utf8'),
) as SchemaNode & { $defs: Record<string, SchemaNode> };

const resolve = (node: SchemaNode): SchemaNode =>
  node.$ref === undefined ? node : resolve(schema.$defs[node.$ref.replace('#/$defs/', '')]);
const propertiesAt = (...path: string[]): string[] =>
  Object.keys(
    path.reduce((node, key) => resolve(resolve(node).properties![key]), schema as SchemaNode).properties!,
  );
const defOf = (name: string): string[] => Object.keys(schema.$defs[name].properties!);

// The JSON paths of keys in `value` that the schema does not describe (following $ref and anyOf branches).
function undescribedKeys(value: unknown, node: SchemaNode, path: string): string[] {
  const branches = (resolve(node).anyOf ?? [node]).map(resolve);
  if (Array.isArray(value)) {
    const items = branches.find((branch) => branch.items !== undefined)?.items;
    if (items === undefined) return [path];
    return value.flatMap((item, index) => undescribedKeys(item, items, `${path}:${index}`));
  }
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const child = branches
      .map((branch) => branch.properties?.[key] ?? branch.additionalProperties)
      .find(Boolean);
    if (child === undefined || typeof child === 'boolean') return [`${path}:${key}`];
    return undescribedKeys(item, child, `${path}:${key}`);
  });
}

const SAMPLE = {
  AzureAd: {
    Instance: 'https://login.microsoftonline.com/',
    TenantId: 'contoso.onmicrosoft.com',
    ClientId: '11111111-1111-1111-1111-111111111111',
    Audience: 'api://11111111-1111-1111-1111-111111111111',
    Scopes: 'access_as_user',
    ClientCredentials: [
      { SourceType: 'SignedAssertionFilePath', SignedAssertionFileDiskPath: '/var/run/secrets/token' },
      {
        SourceType: 'KeyVault',
        KeyVaultUrl: 'https://vault.vault.azure.net',
        KeyVaultCertificateName: 'cert',
      },
    ],
    TokenDecryptionCredentials: [{ SourceType: 'Path', CertificateDiskPath: '/certs/decrypt.pfx' }],
    SendX5C: true,
    ClientCapabilities: ['cp1'],
    ExtraQueryParameters: { dc: 'ESTS-PUB-WUS2-AZ1-FD000-TEST1' },
  },
  DownstreamApis: {
    Graph: {
      BaseUrl: 'https://graph.microsoft.com/v1.0',
      RelativePath: 'me',
      Scopes: ['User.Read'],
      AcquireTokenOptions: { ForceRefresh: false, ManagedIdentity: { UserAssignedClientId: 'mi' } },
    },
  },
  Sidecar: {
    AllowOverrides: {
      GetAuthorizationHeaderUnauthenticated: true,
      Keys: ['Scopes', 'AcquireTokenOptions:Tenant'],
    },
    AllowOutboundRedirects: false,
    PopValidation: { ValidateQ: true, ClaimsToValidateWhenPresent: ['m', 'u'], ReplayProtection: true },
  },
  Logging: { LogLevel: { Default: 'Information', 'Microsoft.AspNetCore': 'Warning' } },
  Kestrel: { Endpoints: { Http: { Url: 'http://127.0.0.1:5000' } }, Limits: { MaxRequestBodySize: 1048576 } },
  HostOptions: { ShutdownTimeout: '00:00:08' },
  AllowedHosts: '*',
};

describe('appsettings.schema.json', () => {
  it('should describe every key the loader reads, and nothing it ignores', () => {
    // Arrange
    // `environment` is left out on purpose: it is only read from env vars and the command line.
    const topLevel = [
      ...Object.keys(hostShape).filter((key) => key !== 'environment'),
      'AzureAd',
      'DownstreamApis',
      'Sidecar',
      'Logging',
    ];

    // Act
    const described = {
      topLevel: Object.keys(schema.properties!),
      azureAd: defOf('azureAd'),
      credential: defOf('credential'),
      profile: defOf('downstreamApi'),
      acquireTokenOptions: defOf('acquireTokenOptions'),
      sidecar: propertiesAt('Sidecar'),
      allowOverrides: propertiesAt('Sidecar', 'AllowOverrides'),
      popValidation: propertiesAt('Sidecar', 'PopValidation'),
      redis: propertiesAt('Sidecar', 'TokenCache', 'Redis'),
      redisTls: propertiesAt('Sidecar', 'TokenCache', 'Redis', 'Tls'),
      kestrelLimits: propertiesAt('Kestrel', 'Limits'),
      logLevel: propertiesAt('Logging', 'LogLevel'),
    };

    // Assert
    expect(described.topLevel).toEqual(expect.arrayContaining(topLevel));
    expect(described.azureAd.sort()).toEqual(Object.keys(azureAdShape).sort());
    expect(described.credential.sort()).toEqual(Object.keys(credentialShape).sort());
    expect(described.profile.sort()).toEqual(Object.keys(downstreamApiShape).sort());
    expect(described.acquireTokenOptions.sort()).toEqual(Object.keys(acquireTokenOptionsShape).sort());
    expect(described.sidecar.sort()).toEqual(Object.keys(sidecarShape).sort());
    expect(described.allowOverrides.sort()).toEqual(Object.keys(allowOverridesShape).sort());
    expect(described.popValidation.sort()).toEqual(Object.keys(popValidationShape).sort());
    expect(described.redis.sort()).toEqual(Object.keys(redisShape).sort());
    expect(described.redisTls.sort()).toEqual(Object.keys(redisTlsShape).sort());
    expect(described.kestrelLimits.sort()).toEqual(Object.keys(kestrelLimitsShape).sort());
    expect(described.logLevel).toEqual(Object.keys(logLevelShape));
  });

  it('should list the same SourceType names and log levels as the loader', () => {
    // Arrange
    const sourceType = resolve(schema.$defs.credential.properties!.SourceType);
    const defaultLevel = resolve(schema.properties!.Logging).properties!.LogLevel.properties!.Default;

    // Act
    const names = sourceType.anyOf![0].enum;

    // Assert
    expect(names).toEqual([...CREDENTIAL_SOURCE_TYPES]);
    expect(defaultLevel.enum).toEqual([...ASP_NET_LOG_LEVELS]);
  });

  it('should state the same defaults the loader applies', () => {
    // Arrange
    const { settings } = loadConfiguration({
      cwd: join(tmpdir(), 'appsettings-schema-spec-no-files'),
      env: { AzureAd__TenantId: 't', AzureAd__ClientId: 'c', DownstreamApis__Api__BaseUrl: 'https://api' },
      argv: [],
    });
    const profile = schema.$defs.downstreamApi.properties!;
    const overrides = resolve(schema.properties!.Sidecar).properties!.AllowOverrides.properties!;
    const limits = resolve(schema.properties!.Kestrel).properties!.Limits.properties!;
    const pop = resolve(schema.properties!.Sidecar).properties!.PopValidation.properties!;

    // Act
    const api = settings.downstreamApis.get('Api')!;

    // Assert
    expect(schema.$defs.azureAd.properties!.Instance.default).toBe(settings.azureAd.instance);
    expect(profile.HttpMethod.default).toBe(api.httpMethod);
    expect(profile.AcceptHeader.default).toBe(api.acceptHeader);
    expect(profile.ProtocolScheme.default).toBe(api.protocolScheme);
    expect(profile.RequestAppToken.default).toBe(api.requestAppToken);
    expect(overrides.GetAuthorizationHeader.default).toBe(
      settings.sidecar.allowOverrides.getAuthorizationHeader,
    );
    expect(overrides.CallDownstreamApiUnauthenticated.default).toBe(
      settings.sidecar.allowOverrides.callDownstreamApiUnauthenticated,
    );
    expect(limits.MaxRequestBodySize.default).toBe(settings.host.maxRequestBodySizeBytes);
    expect(pop.ValidateQ.default).toBe(settings.sidecar.popValidation.validateQ);
    expect(pop.AcceptUnsignedQueryParameters.default).toBe(
      settings.sidecar.popValidation.acceptUnsignedQueryParameters,
    );
    expect(pop.ClaimsToValidateWhenPresent.default).toEqual(
      settings.sidecar.popValidation.claimsToValidateWhenPresent,
    );
    expect(pop.ReplayProtection.default).toBe(settings.sidecar.popValidation.replayProtection);
    expect(pop.ReplayCacheSize.default).toBe(settings.sidecar.popValidation.replayCacheSize);
    expect(limits.MaxRequestHeadersTotalSize.default).toBe(settings.host.maxRequestHeadersTotalSizeBytes);
  });

  it('should describe a sample appsettings.json that the loader accepts without problems', () => {
    // Arrange
    const cwd = mkdtempSync(join(tmpdir(), 'appsettings-schema-'));
    writeFileSync(join(cwd, 'appsettings.json'), JSON.stringify(SAMPLE));

    try {
      // Act
      const undescribed = undescribedKeys(SAMPLE, schema, '');
      const { settings } = loadConfiguration({ cwd, env: {}, argv: [] });

      // Assert
      expect(undescribed).toEqual([]);
      expect(settings.azureAd.clientCredentials).toHaveLength(2);
      expect(settings.downstreamApis.get('Graph')?.scopes).toEqual(['User.Read']);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
