import type { DownstreamApiProfile, SidecarFeatureSettings } from '@app/config';
import { SidecarError } from '@app/problem-details';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import type { RequestContext, SidecarRoute } from '@app/token-core';

const profile: DownstreamApiProfile = Object.freeze({
  baseUrl: 'https://api.example.com/',
  relativePath: '/me',
  httpMethod: 'GET',
  scopes: Object.freeze(['User.Read']),
  requestAppToken: false,
  acceptHeader: 'application/json',
  contentType: 'application/json',
  extraHeaderParameters: Object.freeze({ seed: 'header' }),
  extraQueryParameters: Object.freeze({ seed: 'query' }),
  protocolScheme: 'Bearer',
  acquireTokenOptions: Object.freeze({
    forceRefresh: false,
    extraQueryParameters: {},
    extraHeadersParameters: {},
  }),
});

const gates = (on: boolean) =>
  ({
    allowOverrides: {
      getAuthorizationHeader: on,
      getAuthorizationHeaderUnauthenticated: on,
      callDownstreamApi: on,
      callDownstreamApiUnauthenticated: on,
    },
  }) as unknown as SidecarFeatureSettings;

const resolver = (on: boolean) =>
  new DownstreamOptionsResolver(
    new Map([
      ['test-api', profile],
      ['empty', { ...profile, scopes: [] }],
    ]),
    gates(on),
    pino({ level: 'silent' }),
  );
const context = (
  query: string,
  route: SidecarRoute = 'AuthorizationHeader',
  apiName = 'test-api',
): RequestContext => ({
  route,
  apiName,
  query: new URLSearchParams(query),
});

describe('DownstreamOptionsResolver', () => {
  it('should return a frozen per-request copy and leave the shared profile unchanged', () => {
    // Act
    const options = resolver(true).resolve(
      context(
        'optionsOverride.RelativePath=/x&optionsOverride.ExtraHeaderParameters.h=v&optionsOverride.ExtraQueryParameters.q=v&AgentIdentity=a',
      ),
      { requireNonEmptyScopes: false },
    );

    // Assert
    expect(Object.isFrozen(options) && Object.isFrozen(options.extraHeaderParameters)).toBe(true);
    expect(options).toMatchObject({ relativePath: '/x', agent: { kind: 'agent', agentIdentity: 'a' } });
    expect(options.extraHeaderParameters).toEqual({ seed: 'header', h: 'v' });
    expect(profile.extraHeaderParameters).toEqual({ seed: 'header' });
    expect(profile.extraQueryParameters).toEqual({ seed: 'query' });
    expect(profile).not.toHaveProperty('agent');
  });

  it('should ignore overrides and agent parameters when the gate is off', () => {
    // Act
    const options = resolver(false).resolve(context('optionsOverride.Scopes=Mail.Read&AgentIdentity=a'), {
      requireNonEmptyScopes: false,
    });

    // Assert
    expect(options.scopes).toEqual(['User.Read']);
    expect(options.agent).toBeUndefined();
  });

  it('should refuse an unknown profile with the reference detail', () => {
    // Act
    const resolve = () =>
      resolver(true).resolve(context('', 'AuthorizationHeader', 'nope'), { requireNonEmptyScopes: false });

    // Assert
    expect(resolve).toThrow(SidecarError);
    expect(resolve).toThrow(
      "No scopes found for the API 'nope' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.",
    );
  });

  it('should accept empty scopes for AuthorizationHeader but not when non-empty scopes are required', () => {
    // Arrange
    const subject = resolver(true);

    // Act / Assert
    expect(
      subject.resolve(context('', 'AuthorizationHeader', 'empty'), { requireNonEmptyScopes: false }).scopes,
    ).toEqual([]);
    expect(() =>
      subject.resolve(context('', 'DownstreamApi', 'empty'), { requireNonEmptyScopes: true }),
    ).toThrow(/No scopes found/);
  });

  it('should share one frozen copy between requests without overrides, and never hand it to one with them', () => {
    // Arrange
    const shared = resolver(true);

    // Act
    const first = shared.resolve(context(''), { requireNonEmptyScopes: false });
    const second = shared.resolve(context(''), { requireNonEmptyScopes: false });
    const overridden = shared.resolve(context('optionsOverride.RelativePath=/other'), {
      requireNonEmptyScopes: false,
    });
    const otherRoute = shared.resolve(context('', 'DownstreamApi'), { requireNonEmptyScopes: true });

    // Assert
    expect(second).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(overridden).not.toBe(first);
    expect(overridden.relativePath).toBe('/other');
    expect(first.relativePath).toBe('/me');
    expect(otherRoute).not.toBe(first);
  });
});
