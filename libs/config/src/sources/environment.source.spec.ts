import { describe, expect, it } from 'vitest';
import { readEnvironmentSource, readHostEnvironmentEntries } from './environment.source';

describe('readEnvironmentSource', () => {
  it('should turn __ into the section separator for every variable', () => {
    // Arrange
    const env = { AzureAd__ClientCredentials__0__SourceType: 'ClientSecret', PATH: '/bin', UNSET: undefined };

    // Act
    const { entries } = readEnvironmentSource(env);

    // Assert
    expect(entries).toEqual([
      ['AzureAd:ClientCredentials:0:SourceType', 'ClientSecret'],
      ['PATH', '/bin'],
    ]);
  });

  it('should also add ASPNETCORE_ and DOTNET_ variables with the prefix stripped, beneath the plain ones', () => {
    // Arrange
    const env = {
      ASPNETCORE_URLS: 'http://+:5000',
      ASPNETCORE_HTTP_PORTS: '8080',
      DOTNET_ENVIRONMENT: 'Staging',
      ASPNETCORE_ENVIRONMENT: 'Development',
      ASPNETCORE_Kestrel__Endpoints__Http__Url: 'http://127.0.0.1:1',
    };

    // Act
    const { entries } = readEnvironmentSource(env);

    // Assert
    expect(entries.slice(0, 5)).toEqual([
      ['environment', 'Staging'],
      ['urls', 'http://+:5000'],
      ['http_ports', '8080'],
      ['environment', 'Development'],
      ['Kestrel:Endpoints:Http:Url', 'http://127.0.0.1:1'],
    ]);
    expect(entries).toContainEqual(['ASPNETCORE_URLS', 'http://+:5000']);
  });

  it('should give only the prefixed variables as host entries, so a plain ENVIRONMENT is not the environment name', () => {
    // Arrange
    const env = { ENVIRONMENT: 'Development', aspnetcore_environment: 'Staging' };

    // Act
    const entries = readHostEnvironmentEntries(env);

    // Assert
    expect(entries).toEqual([['environment', 'Staging']]);
  });
});
