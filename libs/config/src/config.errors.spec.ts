import { describe, expect, it } from 'vitest';
import { ConfigurationError, formatConfigurationProblems } from './config.errors';

describe('formatConfigurationProblems', () => {
  it('should name each key in colon form and environment-variable form, one line per problem', () => {
    // Arrange
    const problems = [
      { key: 'AzureAd:ClientId', reason: 'is required' },
      { key: 'AzureAd:ClientCredentials:0:SourceType', reason: 'is required' },
      { key: 'urls', reason: 'bad' },
      { key: 'appsettings.json', reason: 'is not valid JSON' },
    ];

    // Act
    const lines = formatConfigurationProblems(problems);

    // Assert
    expect(lines).toEqual([
      'AzureAd:ClientId (env AzureAd__ClientId): is required',
      'AzureAd:ClientCredentials:0:SourceType (env AzureAd__ClientCredentials__0__SourceType): is required',
      'urls (env ASPNETCORE_URLS): bad',
      'appsettings.json: is not valid JSON',
    ]);
  });
});

describe('ConfigurationError', () => {
  it('should carry the problems and use the formatted lines as its message', () => {
    // Arrange
    const problems = [
      { key: 'AzureAd:ClientId', reason: 'is required' },
      { key: 'AzureAd:TenantId', reason: 'is required' },
    ];

    // Act
    const error = new ConfigurationError(problems);

    // Assert
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigurationError');
    expect(error.problems).toBe(problems);
    expect(error.message).toBe(
      'AzureAd:ClientId (env AzureAd__ClientId): is required\nAzureAd:TenantId (env AzureAd__TenantId): is required',
    );
  });
});
