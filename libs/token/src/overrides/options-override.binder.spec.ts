import { OVERRIDE_KEYS } from '@app/config';
import { describe, expect, it } from 'vitest';
import { emptyOverride } from './options-override';
import { bindOptionsOverride } from './options-override.binder';

const bind = (query: string) => bindOptionsOverride(new URLSearchParams(query));

describe('bindOptionsOverride (spec C.5; reference ModelsTests 20–23)', () => {
  it('should report an override for optionsOverride.Scopes', () => {
    // Act
    const bound = bind('optionsOverride.Scopes=User.Read');

    // Assert
    expect(bound.hasAny).toBe(true);
    expect(bound.overrides.scopes).toEqual(['User.Read']);
  });

  it('should not count optionsOverride.BaseUrl alone as an override and never bind it', () => {
    // Act
    const bound = bind('optionsOverride.BaseUrl=https://evil.example.com');

    // Assert
    expect(bound.hasAny).toBe(false);
    expect(bound.baseUrlSupplied).toBe(true);
    expect(bound.overrides).not.toHaveProperty('baseUrl');
  });

  it('should bind Scopes next to an ignored BaseUrl', () => {
    // Act
    const bound = bind('optionsOverride.BaseUrl=https://evil.example.com&optionsOverride.Scopes=User.Read');

    // Assert
    expect(bound.hasAny).toBe(true);
    expect(bound.overrides).not.toHaveProperty('baseUrl');
    expect(bound.overrides.scopes).toContain('User.Read');
  });

  it('should ignore unrelated parameters', () => {
    // Act
    const bound = bind('unrelated=value');

    // Assert
    expect(bound.hasAny).toBe(false);
  });

  it('should match the prefix and sub-keys case-insensitively and keep repeated scopes in order', () => {
    // Act
    const bound = bind(
      'OptionsOverride.scopes=user.read&OPTIONSOVERRIDE.SCOPES=user.write&optionsoverride.scopes=%20',
    );

    // Assert
    expect(bound.overrides.scopes).toEqual(['user.read', 'user.write']);
  });

  it('should bind every AcquireTokenOptions key, skipping empty values and an invalid correlation id', () => {
    // Arrange
    const query = [
      'optionsOverride.AcquireTokenOptions.Tenant=contoso.onmicrosoft.com',
      'optionsOverride.AcquireTokenOptions.ForceRefresh=TRUE',
      'optionsOverride.AcquireTokenOptions.Claims=%7B%22a%22%3A1%7D',
      'optionsOverride.AcquireTokenOptions.CorrelationId=not-a-guid',
      'optionsOverride.AcquireTokenOptions.FmiPath=agent-1',
      'optionsOverride.AcquireTokenOptions.LongRunningWebApiSessionKey=session-1',
      'optionsOverride.AcquireTokenOptions.PopPublicKey=',
      'optionsOverride.AcquireTokenOptions.ManagedIdentity.UserAssignedClientId=test-client-id',
    ].join('&');

    // Act
    const bound = bind(query);

    // Assert
    expect(bound.overrides.acquireTokenOptions).toEqual({
      tenant: 'contoso.onmicrosoft.com',
      forceRefresh: true,
      claims: '{"a":1}',
      fmiPath: 'agent-1',
      longRunningWebApiSessionKey: 'session-1',
      managedIdentity: { userAssignedClientId: 'test-client-id' },
    });
  });

  it('should keep the last scalar value and ignore a RequestAppToken that is not a boolean', () => {
    // Act
    const bound = bind(
      'optionsOverride.RelativePath=/a&optionsOverride.RelativePath=/b&optionsOverride.RequestAppToken=yes',
    );

    // Assert
    expect(bound.overrides.relativePath).toBe('/b');
    expect(bound.overrides.requestAppToken).toBeUndefined();
  });

  it('should bind extra headers and query parameters with their names as given, skipping empty ones', () => {
    // Act
    const bound = bind(
      'optionsOverride.ExtraHeaderParameters.X-Custom-Header=test-value&optionsOverride.ExtraHeaderParameters.OData-Version=4.0' +
        '&optionsOverride.ExtraQueryParameters.param1=value1&optionsOverride.ExtraQueryParameters.param2=' +
        '&optionsOverride.ExtraHeaderParameters.=x',
    );

    // Assert
    expect(bound.overrides.extraHeaderParameters).toEqual({
      'X-Custom-Header': 'test-value',
      'OData-Version': '4.0',
    });
    expect(bound.overrides.extraQueryParameters).toEqual({ param1: 'value1' });
  });

  it('should count an unknown sub-key as an override without binding anything', () => {
    // Act
    const bound = bind('optionsOverride.Tenant=abc');

    // Assert
    expect(bound.hasAny).toBe(true);
    expect(bound.overrides.acquireTokenOptions).toEqual({});
  });

  describe('with Sidecar:AllowOverrides:Keys', () => {
    const optionKeys = OVERRIDE_KEYS.filter((key) => !key.startsWith('Agent')).map((key) =>
      key.replaceAll(':', '.'),
    );
    // A value every key binds (a GUID for the correlation and client ids, a boolean for the flags).
    const valueFor = (key: string) =>
      /Id$/.test(key) ? '0b8d4b57-0bd9-4d1e-8f5d-8a9f5f0d6c11' : /Token$|Refresh$/.test(key) ? 'true' : 'v';

    it.each(optionKeys)('should bind %s when it is listed, and ignore it by name when it is not', (key) => {
      // Arrange
      const query = `optionsOverride.${key}=${valueFor(key)}`;

      // Act
      const listed = bindOptionsOverride(new URLSearchParams(query), [key.toLowerCase()]);
      const unlisted = bindOptionsOverride(new URLSearchParams(query), []);

      // Assert
      expect(listed.ignoredKeys).toEqual([]);
      expect(listed.overrides).not.toEqual(emptyOverride());
      expect(unlisted.ignoredKeys).toEqual([key]);
      expect(unlisted.overrides).toEqual(emptyOverride());
      expect(unlisted.hasAny).toBe(true);
    });

    it('should keep the listed keys of a request and drop the others', () => {
      // Act
      const bound = bindOptionsOverride(
        new URLSearchParams(
          'optionsOverride.Scopes=User.Read&optionsOverride.RequestAppToken=true' +
            '&optionsOverride.AcquireTokenOptions.Tenant=t&optionsOverride.AcquireTokenOptions.ForceRefresh=true' +
            '&optionsOverride.ExtraHeaderParameters.X-A=1&optionsOverride.ExtraHeaderParameters.X-B=2',
        ),
        ['scopes', 'acquiretokenoptions.forcerefresh', 'extraheaderparameters.x-a'],
      );

      // Assert
      expect(bound.overrides).toEqual({
        ...emptyOverride(),
        scopes: ['User.Read'],
        acquireTokenOptions: { forceRefresh: true },
        extraHeaderParameters: { 'X-A': '1' },
      });
      expect(bound.ignoredKeys).toEqual([
        'RequestAppToken',
        'AcquireTokenOptions.Tenant',
        'ExtraHeaderParameters',
      ]);
    });

    it('should never report an unknown sub-key or one shaped like an object property', () => {
      // Act
      const bound = bindOptionsOverride(
        new URLSearchParams(
          'optionsOverride.Tenant=x&optionsOverride.constructor=x&optionsOverride.__proto__=x',
        ),
        [],
      );

      // Assert
      expect(bound.ignoredKeys).toEqual([]);
      expect(bound.overrides).toEqual(emptyOverride());
    });
  });
});
