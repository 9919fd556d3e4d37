import { describe, expect, it } from 'vitest';
import { ConfigurationTree } from '../configuration-tree';
import { flattenJson } from '../sources/flatten-json';
import { downstreamApisSchema } from './downstream-apis.schema';
import { parseSection } from './parse-section';

const parseApis = (apis: unknown, ...extra: [string, string][][]) => {
  const tree = ConfigurationTree.fromLayers([flattenJson({ DownstreamApis: apis }), ...extra]);
  return parseSection(downstreamApisSchema, tree.toValue('DownstreamApis'), 'DownstreamApis');
};

const valueOf = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error('expected valid settings');
  return result.value;
};

describe('downstreamApisSchema', () => {
  it('should apply the profile defaults', () => {
    // Arrange / Act
    const apis = valueOf(parseApis({ Graph: { BaseUrl: 'https://graph.microsoft.com/v1.0' } }));

    // Assert
    expect(apis.get('Graph')).toEqual({
      baseUrl: 'https://graph.microsoft.com/v1.0',
      relativePath: '',
      httpMethod: 'GET',
      scopes: undefined,
      requestAppToken: false,
      acceptHeader: 'application/json',
      contentType: 'application/json',
      extraHeaderParameters: {},
      extraQueryParameters: {},
      protocolScheme: 'Bearer',
      acquireTokenOptions: {
        forceRefresh: false,
        managedIdentity: undefined,
        extraQueryParameters: {},
        extraHeadersParameters: {},
      },
    });
  });

  it('should read Scopes as an array, as a whitespace-separated string, and keep [] distinct from absent', () => {
    // Arrange / Act
    const apis = valueOf(
      parseApis(
        {
          A: { Scopes: ['User.Read', 'Mail.Read'] },
          B: { Scopes: 'User.Read Mail.Read' },
          C: { Scopes: [] },
        },
        [['DownstreamApis:D:Scopes:0', 'x']],
      ),
    );

    // Assert
    expect(apis.get('A')?.scopes).toEqual(['User.Read', 'Mail.Read']);
    expect(apis.get('B')?.scopes).toEqual(['User.Read', 'Mail.Read']);
    expect(apis.get('C')?.scopes).toEqual([]);
    expect(apis.get('D')?.scopes).toEqual(['x']);
  });

  it('should key profiles by their first-seen name and look them up case-sensitively', () => {
    // Arrange
    const env: [string, string][] = [['DOWNSTREAMAPIS:GRAPH:RelativePath', 'me']];

    // Act
    const apis = valueOf(parseApis({ Graph: { BaseUrl: 'https://graph.microsoft.com' } }, env));

    // Assert
    expect([...apis.keys()]).toEqual(['Graph']);
    expect(apis.get('Graph')?.relativePath).toBe('me');
    expect(apis.get('graph')).toBeUndefined();
  });

  it('should deep-freeze every profile', () => {
    // Arrange
    const apis = valueOf(parseApis({ Api: { Scopes: ['s'], ExtraHeaderParameters: { 'X-A': '1' } } }));
    const profile = apis.get('Api')!;

    // Act
    const mutations = [
      () => Object.assign(profile, { baseUrl: 'https://evil' }),
      () => (profile.scopes as string[]).push('more'),
      () => Object.assign(profile.extraHeaderParameters, { 'X-B': '2' }),
      () => Object.assign(profile.acquireTokenOptions, { tenant: 'other' }),
    ];

    // Assert
    for (const mutate of mutations) expect(mutate).toThrow(TypeError);
    expect(Object.isFrozen(profile.acquireTokenOptions.extraQueryParameters)).toBe(true);
  });

  it('should upper-case the method and read acquire-token options, including an empty ManagedIdentity', () => {
    // Arrange
    const json = {
      Api: {
        HttpMethod: 'patch',
        RequestAppToken: 'True',
        AcquireTokenOptions: {
          Tenant: 't',
          CorrelationId: '9b1f6a3e-6d1c-4f7a-9d0e-3b5a2c1d4e5f',
          ForceRefresh: true,
          ManagedIdentity: {},
          ExtraQueryParameters: { dc: 'ESTS-PUB' },
        },
      },
      Mi: { AcquireTokenOptions: { ManagedIdentity: { UserAssignedClientId: 'mi-client' } } },
    };

    // Act
    const apis = valueOf(parseApis(json));

    // Assert
    expect(apis.get('Api')).toMatchObject({ httpMethod: 'PATCH', requestAppToken: true });
    expect(apis.get('Api')?.acquireTokenOptions).toMatchObject({
      tenant: 't',
      correlationId: '9b1f6a3e-6d1c-4f7a-9d0e-3b5a2c1d4e5f',
      forceRefresh: true,
      managedIdentity: { userAssignedClientId: undefined },
      extraQueryParameters: { dc: 'ESTS-PUB' },
    });
    expect(apis.get('Mi')?.acquireTokenOptions.managedIdentity).toEqual({
      userAssignedClientId: 'mi-client',
    });
  });

  it('should report every bad key with the profile name as written', () => {
    // Arrange
    const json = {
      MyApi: {
        BaseUrl: 'not a url',
        HttpMethod: 'GE T',
        RequestAppToken: 'sometimes',
        AcquireTokenOptions: { CorrelationId: 'abc', ForceRefresh: 'no' },
      },
    };

    // Act
    const result = parseApis(json);

    // Assert
    expect(result.ok ? [] : result.problems).toEqual([
      { key: 'DownstreamApis:MyApi:BaseUrl', reason: 'must be an absolute http(s) URL' },
      { key: 'DownstreamApis:MyApi:HttpMethod', reason: "must be an HTTP method token, not 'GE T'" },
      { key: 'DownstreamApis:MyApi:RequestAppToken', reason: 'must be true or false' },
      { key: 'DownstreamApis:MyApi:AcquireTokenOptions:CorrelationId', reason: 'must be a GUID' },
      { key: 'DownstreamApis:MyApi:AcquireTokenOptions:ForceRefresh', reason: 'must be true or false' },
    ]);
  });
});
