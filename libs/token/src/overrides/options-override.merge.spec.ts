import type { DownstreamApiProfile } from '@app/config';
import { describe, expect, it } from 'vitest';
import { copyProfile } from '../profiles/profile-copy';
import { emptyOverride, type OptionsOverride } from './options-override';
import { mergeOverrides } from './options-override.merge';

const profile = (overrides: Partial<DownstreamApiProfile> = {}): DownstreamApiProfile => ({
  baseUrl: 'https://api.example.com/',
  relativePath: '/me',
  httpMethod: 'GET',
  scopes: ['user.read'],
  requestAppToken: false,
  acceptHeader: 'application/json',
  contentType: 'application/json',
  extraHeaderParameters: {},
  extraQueryParameters: {},
  protocolScheme: 'Bearer',
  acquireTokenOptions: { forceRefresh: false, extraQueryParameters: {}, extraHeadersParameters: {} },
  ...overrides,
});
const override = (changes: Partial<OptionsOverride>): OptionsOverride => ({ ...emptyOverride(), ...changes });
const merge = (left: DownstreamApiProfile, right: OptionsOverride) =>
  mergeOverrides(copyProfile(left), right);

describe('mergeOverrides (spec D; reference DownstreamApiOptionsMergeTests)', () => {
  it('should return a distinct copy equal to the profile for an empty override', () => {
    // Arrange
    const left = profile();

    // Act
    const merged = merge(left, emptyOverride());

    // Assert
    expect(merged.scopes).toEqual(['user.read']);
    expect(merged.scopes).not.toBe(left.scopes);
    expect(merged.relativePath).toBe('/me');
  });

  it('should replace the scopes with a non-empty override and keep them for an empty one', () => {
    expect(merge(profile(), override({ scopes: ['mail.read', 'calendars.read'] })).scopes).toEqual([
      'mail.read',
      'calendars.read',
    ]);
    expect(merge(profile(), override({ scopes: [] })).scopes).toEqual(['user.read']);
  });

  it('should replace tenant, claims, fmi path, relative path and method when non-empty', () => {
    // Act
    const merged = merge(
      profile(),
      override({
        relativePath: '/other',
        httpMethod: 'post',
        acquireTokenOptions: { tenant: 't2', claims: '{"c":1}', fmiPath: 'agent' },
      }),
    );

    // Assert
    expect(merged).toMatchObject({
      relativePath: '/other',
      httpMethod: 'POST',
      acquireTokenOptions: { tenant: 't2', claims: '{"c":1}', fmiPath: 'agent' },
    });
  });

  it('should keep the profile values for empty-string overrides', () => {
    // Arrange
    const left = profile({
      acquireTokenOptions: { ...profile().acquireTokenOptions, tenant: 't1', claims: '{"k":1}' },
    });

    // Act
    const merged = merge(
      left,
      override({ relativePath: '', acquireTokenOptions: { tenant: '', claims: '' } }),
    );

    // Assert
    expect(merged.relativePath).toBe('/me');
    expect(merged.acquireTokenOptions).toMatchObject({ tenant: 't1', claims: '{"k":1}' });
  });

  it('should let ForceRefresh true override false, and keep a configured ForceRefresh and CorrelationId (decisions)', () => {
    // Arrange
    const configured = profile({
      acquireTokenOptions: {
        ...profile().acquireTokenOptions,
        forceRefresh: true,
        correlationId: '0b8d4b57-0bd9-4d1e-8f5d-8a9f5f0d6c11',
      },
    });

    // Act / Assert
    expect(
      merge(profile(), override({ acquireTokenOptions: { forceRefresh: true } })).acquireTokenOptions
        .forceRefresh,
    ).toBe(true);
    expect(merge(configured, override({ scopes: ['x'] })).acquireTokenOptions).toMatchObject({
      forceRefresh: true,
      correlationId: '0b8d4b57-0bd9-4d1e-8f5d-8a9f5f0d6c11',
    });
    expect(
      merge(configured, override({ acquireTokenOptions: { forceRefresh: false } })).acquireTokenOptions
        .forceRefresh,
    ).toBe(false);
  });

  it('should union headers and query parameters with the override winning, never touching the profile', () => {
    // Arrange
    const left = profile({ extraHeaderParameters: { A: '1', B: '2' }, extraQueryParameters: { q: '1' } });

    // Act
    const merged = merge(
      left,
      override({ extraHeaderParameters: { B: 'x', C: '3' }, extraQueryParameters: { q: '2', r: '3' } }),
    );

    // Assert
    expect(merged.extraHeaderParameters).toEqual({ A: '1', B: 'x', C: '3' });
    expect(merged.extraQueryParameters).toEqual({ q: '2', r: '3' });
    expect(left.extraHeaderParameters).toEqual({ A: '1', B: '2' });
  });

  it('should let RequestAppToken turn the app path on but never off', () => {
    expect(merge(profile(), override({ requestAppToken: true })).requestAppToken).toBe(true);
    expect(
      merge(profile({ requestAppToken: true }), override({ requestAppToken: false })).requestAppToken,
    ).toBe(true);
  });

  it('should apply a managed identity override and never a base URL', () => {
    // Act
    const merged = merge(
      profile(),
      override({ acquireTokenOptions: { managedIdentity: { userAssignedClientId: 'test-client-id' } } }),
    );

    // Assert
    expect(merged.acquireTokenOptions.managedIdentity).toEqual({ userAssignedClientId: 'test-client-id' });
    expect(merged.baseUrl).toBe('https://api.example.com/');
  });

  it('should cover every override-able field of the bound override', () => {
    // Arrange: every key the binder can produce, set.
    const full: OptionsOverride = {
      scopes: ['s'],
      requestAppToken: true,
      relativePath: 'r',
      httpMethod: 'PATCH',
      contentType: 'text/plain',
      acceptHeader: 'text/html',
      acquireTokenOptions: {
        tenant: 't',
        forceRefresh: true,
        claims: 'c',
        correlationId: '0b8d4b57-0bd9-4d1e-8f5d-8a9f5f0d6c11',
        fmiPath: 'f',
        longRunningWebApiSessionKey: 'l',
        popPublicKey: 'p',
        managedIdentity: { userAssignedClientId: 'm' },
      },
      extraHeaderParameters: { h: 'v' },
      extraQueryParameters: { q: 'v' },
    };

    // Act
    const merged = merge(profile(), full);

    // Assert
    expect(merged).toMatchObject({
      scopes: ['s'],
      requestAppToken: true,
      relativePath: 'r',
      httpMethod: 'PATCH',
      contentType: 'text/plain',
      acceptHeader: 'text/html',
      acquireTokenOptions: { ...full.acquireTokenOptions, extraQueryParameters: {} },
      extraHeaderParameters: { h: 'v' },
      extraQueryParameters: { q: 'v' },
    });
  });
});
