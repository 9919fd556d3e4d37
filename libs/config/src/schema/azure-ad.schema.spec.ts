import { describe, expect, it } from 'vitest';
import { ConfigurationTree } from '../configuration-tree';
import { flattenJson } from '../sources/flatten-json';
import { azureAdSchema } from './azure-ad.schema';
import { parseSection } from './parse-section';

const parseAzureAd = (azureAd: unknown, ...extra: [string, string][][]) => {
  const tree = ConfigurationTree.fromLayers([flattenJson({ AzureAd: azureAd }), ...extra]);
  return parseSection(azureAdSchema, tree.toValue('AzureAd'), 'AzureAd');
};

const valueOf = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error('expected valid settings');
  return result.value;
};

describe('azureAdSchema', () => {
  it('should apply the defaults and derive the v2.0 authority', () => {
    // Arrange / Act
    const azureAd = valueOf(parseAzureAd({ TenantId: 'contoso.onmicrosoft.com', ClientId: 'app' }));

    // Assert
    expect(azureAd).toMatchObject({
      instance: 'https://login.microsoftonline.com/',
      tenantId: 'contoso.onmicrosoft.com',
      clientId: 'app',
      authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0',
      audiences: [],
      scopes: [],
      clientCredentials: [],
      tokenDecryptionCredentials: [],
      sendX5C: false,
      clientCapabilities: [],
      extraQueryParameters: {},
      enablePiiLogging: false,
    });
  });

  it('should normalise the instance to end with a slash', () => {
    // Arrange / Act
    const azureAd = valueOf(
      parseAzureAd({ Instance: 'https://login.microsoftonline.us', TenantId: 't', ClientId: 'a' }),
    );

    // Assert
    expect(azureAd.instance).toBe('https://login.microsoftonline.us/');
    expect(azureAd.authority).toBe('https://login.microsoftonline.us/t/v2.0');
  });

  it('should derive Instance and TenantId from Authority', () => {
    // Arrange / Act
    const azureAd = valueOf(
      parseAzureAd({ Authority: 'https://login.example.com/tenant-1/v2.0', ClientId: 'a' }),
    );

    // Assert
    expect(azureAd.instance).toBe('https://login.example.com/');
    expect(azureAd.tenantId).toBe('tenant-1');
  });

  it('should read Scopes, Audiences and ClientCapabilities as arrays or whitespace-separated strings', () => {
    // Arrange / Act
    const asString = valueOf(
      parseAzureAd({ TenantId: 't', ClientId: 'a', Scopes: ' access_as_user  read ', Audiences: 'a b' }),
    );
    const asArray = valueOf(
      parseAzureAd({
        TenantId: 't',
        ClientId: 'a',
        Scopes: ['access_as_user', 'read'],
        ClientCapabilities: ['cp1'],
      }),
    );

    // Assert
    expect(asString.scopes).toEqual(['access_as_user', 'read']);
    expect(asString.audiences).toEqual(['a', 'b']);
    expect(asArray.scopes).toEqual(['access_as_user', 'read']);
    expect(asArray.clientCapabilities).toEqual(['cp1']);
  });

  it('should merge credential fields from environment variables into a JSON array by index', () => {
    // Arrange
    const json = {
      TenantId: 't',
      ClientId: 'a',
      ClientCredentials: [{ SourceType: 'SignedAssertionFilePath' }],
    };
    const env: [string, string][] = [
      ['AzureAd:ClientCredentials:0:SignedAssertionFileDiskPath', '/var/run/token'],
      ['AZUREAD:CLIENTCREDENTIALS:1:SOURCETYPE', 'ClientSecret'],
      ['AzureAd:ClientCredentials:1:ClientSecret', 'secret'],
    ];

    // Act
    const azureAd = valueOf(parseAzureAd(json, env));

    // Assert
    expect(azureAd.clientCredentials).toMatchObject([
      { sourceType: 'SignedAssertionFilePath', signedAssertionFileDiskPath: '/var/run/token' },
      { sourceType: 'ClientSecret', clientSecret: 'secret' },
    ]);
  });

  it('should convert legacy ClientCertificates and ClientSecret when ClientCredentials is empty', () => {
    // Arrange
    const json = {
      TenantId: 't',
      ClientId: 'a',
      ClientSecret: 'legacy',
      ClientCertificates: [{ SourceType: 'Path', CertificateDiskPath: '/c.pfx' }],
      TokenDecryptionCertificates: [{ SourceType: 'Path', CertificateDiskPath: '/d.pfx' }],
    };

    // Act
    const azureAd = valueOf(parseAzureAd(json));

    // Assert
    expect(azureAd.clientCredentials).toMatchObject([
      { sourceType: 'Path', certificateDiskPath: '/c.pfx' },
      { sourceType: 'ClientSecret', clientSecret: 'legacy' },
    ]);
    expect(azureAd.tokenDecryptionCredentials).toMatchObject([
      { sourceType: 'Path', certificateDiskPath: '/d.pfx' },
    ]);
  });

  it('should ignore the legacy secret when ClientCredentials is set', () => {
    // Arrange
    const json = {
      TenantId: 't',
      ClientId: 'a',
      ClientSecret: 'legacy',
      ClientCredentials: [{ SourceType: 'SignedAssertionFilePath' }],
    };

    // Act
    const azureAd = valueOf(parseAzureAd(json));

    // Assert
    expect(azureAd.clientCredentials.map((credential) => credential.sourceType)).toEqual([
      'SignedAssertionFilePath',
    ]);
  });

  it('should report every missing or invalid key at once', () => {
    // Arrange
    const json = { Instance: 'http://login.microsoftonline.com/', SendX5C: 'yes', EnablePiiLogging: 'nope' };

    // Act
    const result = parseAzureAd(json);

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'AzureAd:Instance', reason: 'must be an absolute https URL' },
      { key: 'AzureAd:ClientId', reason: 'is required' },
      { key: 'AzureAd:SendX5C', reason: 'must be true or false' },
      { key: 'AzureAd:EnablePiiLogging', reason: 'must be true or false' },
      { key: 'AzureAd:TenantId', reason: 'is required (or set AzureAd:Authority)' },
    ]);
  });

  it('should require TenantId unless Authority is set, and an https Authority naming the tenant', () => {
    // Arrange / Act
    const missingTenant = parseAzureAd({ ClientId: 'a' });
    const badAuthority = parseAzureAd({ ClientId: 'a', Authority: 'https://login.example.com/' });

    // Assert
    expect(missingTenant.ok ? [] : missingTenant.problems).toEqual([
      { key: 'AzureAd:TenantId', reason: 'is required (or set AzureAd:Authority)' },
    ]);
    expect(badAuthority.ok ? [] : badAuthority.problems.map((problem) => problem.key)).toEqual([
      'AzureAd:Authority',
    ]);
  });

  it('should accept a region name or TryAutoDetect as AzureRegion, and refuse what cannot be a host label', () => {
    // Arrange
    const withRegion = (AzureRegion: string) => parseAzureAd({ TenantId: 't', ClientId: 'a', AzureRegion });

    // Act
    const accepted = ['westus2', 'TryAutoDetect', 'usgov-virginia'].map(withRegion);
    const refused = ['west us 2', 'westus2.evil.example', 'eastus-', '2westus', 'x'.repeat(64)].map(
      withRegion,
    );

    // Assert
    expect(accepted.map((result) => valueOf(result).azureRegion)).toEqual([
      'westus2',
      'TryAutoDetect',
      'usgov-virginia',
    ]);
    for (const result of refused) {
      expect(result.ok ? [] : result.problems).toEqual([
        {
          key: 'AzureAd:AzureRegion',
          reason:
            'must be an Azure region name such as westus2 (letters, digits and hyphens), or TryAutoDetect',
        },
      ]);
    }
  });
});
