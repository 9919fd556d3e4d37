import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../config.errors';
import { loadConfiguration } from '../load-configuration';
import { isOverrideKeyAllowed, OVERRIDE_KEYS, overrideKeyPath } from './override-keys';
import { parseSection } from './parse-section';
import { sidecarSchema } from './sidecar.schema';

const IDENTITY = { AzureAd__TenantId: 'tenant', AzureAd__ClientId: 'client' };
const keysOf = (raw: unknown) => {
  const result = parseSection(sidecarSchema, { AllowOverrides: { Keys: raw } }, 'Sidecar');
  return result.ok ? result.value.allowOverrides.keys : result.problems;
};

describe('Sidecar:AllowOverrides:Keys', () => {
  it('should be unset by default, which honours every key (the reference)', () => {
    // Act
    const result = parseSection(sidecarSchema, undefined, 'Sidecar');

    // Assert
    expect(result.ok && result.value.allowOverrides.keys).toBeUndefined();
    expect(isOverrideKeyAllowed(undefined, 'requestapptoken')).toBe(true);
  });

  it('should read an array or one whitespace-separated string, in any casing, with : or . between segments', () => {
    expect(keysOf(['Scopes', 'acquiretokenoptions:TENANT', 'AcquireTokenOptions.ManagedIdentity'])).toEqual([
      'scopes',
      'acquiretokenoptions.tenant',
      'acquiretokenoptions.managedidentity',
    ]);
    expect(keysOf('Scopes  optionsOverride.RelativePath\tAgentIdentity Scopes')).toEqual([
      'scopes',
      'relativepath',
      'agentidentity',
    ]);
  });

  it('should honour none for a present but empty list ([] in JSON, or a blank value)', () => {
    expect(keysOf('')).toEqual([]);
    expect(keysOf([])).toEqual([]);
    expect(isOverrideKeyAllowed([], 'scopes')).toBe(false);
  });

  it('should know every documented key, each section above one, and named extra headers and parameters', () => {
    // Act
    const paths = [...OVERRIDE_KEYS, 'AcquireTokenOptions', 'AcquireTokenOptions:ManagedIdentity'].map(
      overrideKeyPath,
    );

    // Assert
    expect(paths).not.toContain(undefined);
    expect(overrideKeyPath('ExtraHeaderParameters')).toBe('extraheaderparameters');
    expect(overrideKeyPath('ExtraHeaderParameters:X-Tenant.Hint')).toBe(
      'extraheaderparameters.x-tenant.hint',
    );
    expect(overrideKeyPath('extraqueryparameters.api-version')).toBe('extraqueryparameters.api-version');
  });

  it('should allow a key when it or a section above it is listed, and nothing else', () => {
    // Arrange
    const keys = [
      'scopes',
      'acquiretokenoptions.tenant',
      'acquiretokenoptions.managedidentity',
      'extraheaderparameters.x-a',
    ];

    // Act / Assert
    expect(isOverrideKeyAllowed(keys, 'scopes')).toBe(true);
    expect(isOverrideKeyAllowed(keys, 'acquiretokenoptions.tenant')).toBe(true);
    expect(isOverrideKeyAllowed(keys, 'acquiretokenoptions.managedidentity.userassignedclientid')).toBe(true);
    expect(isOverrideKeyAllowed(keys, 'extraheaderparameters.x-a')).toBe(true);
    expect(isOverrideKeyAllowed(keys, 'extraheaderparameters.x-b')).toBe(false);
    expect(isOverrideKeyAllowed(keys, 'acquiretokenoptions.tenantx')).toBe(false);
    expect(isOverrideKeyAllowed(keys, 'requestapptoken')).toBe(false);
    expect(isOverrideKeyAllowed(['acquiretokenoptions'], 'acquiretokenoptions.claims')).toBe(true);
  });

  it('should report an unknown key and BaseUrl under their own index, naming what is wrong', () => {
    // Act
    const problems = keysOf([
      'Scopes',
      'Tenant',
      'BaseUrl',
      'AcquireTokenOptions:',
      'ExtraHeaderParameters:',
    ]);

    // Assert
    const listed = Array.isArray(problems) ? (problems as { key: string; reason: string }[]) : [];
    expect(listed.map((problem) => problem.key)).toEqual(
      [1, 2, 3, 4].map((i) => `Sidecar:AllowOverrides:Keys:${i}`),
    );
    expect(listed[0].reason).toMatch(/^'Tenant' is not an override key; use Scopes, RequestAppToken, /);
    expect(listed[1].reason).toBe('BaseUrl is never overridable per request, so it cannot be allowed');
    expect(listed[2].reason).toMatch(/^'AcquireTokenOptions:' is not an override key/);
    expect(listed[3].reason).toMatch(/^'ExtraHeaderParameters:' is not an override key/);
  });

  it('should stop start-up naming the key in both its forms when an environment variable lists an unknown key', () => {
    // Arrange
    const env = {
      ...IDENTITY,
      Sidecar__AllowOverrides__Keys__0: 'Scopes',
      Sidecar__AllowOverrides__Keys__1: 'Tennant',
    };

    // Act
    const load = () => loadConfiguration({ cwd: '/nonexistent', env, argv: [] });

    // Assert
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(
      /^Sidecar:AllowOverrides:Keys:1 \(env Sidecar__AllowOverrides__Keys__1\): 'Tennant' is not an override key/,
    );
  });

  it('should load the keys from an environment variable holding a whitespace-separated list', () => {
    // Act
    const { settings } = loadConfiguration({
      cwd: '/nonexistent',
      env: { ...IDENTITY, Sidecar__AllowOverrides__Keys: 'Scopes AcquireTokenOptions:Tenant' },
      argv: [],
    });

    // Assert
    expect(settings.sidecar.allowOverrides.keys).toEqual(['scopes', 'acquiretokenoptions.tenant']);
  });
});
