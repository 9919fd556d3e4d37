import type { AzureAdSettings } from '@app/config';
import { SidecarError } from '@app/problem-details';
import { describe, expect, it } from 'vitest';
import { tokenCacheKey } from '../cache/token-cache-key';
import type {
  EffectiveAcquireTokenOptions,
  EffectiveDownstreamOptions,
  RequestContext,
} from '../token.types';
import { planTokenRequest } from './token-request.planner';

const AZURE_AD = {
  instance: 'https://login.example.com/',
  tenantId: '7a1d4b52-3c8e-4f0a-9b6d-2e5f8c1a4d37',
  clientId: 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58',
  extraQueryParameters: {},
} as Partial<AzureAdSettings> as AzureAdSettings;
const KEY_A = Buffer.from(JSON.stringify({ kid: 'key-a' })).toString('base64url');
const KEY_B = Buffer.from(JSON.stringify({ kid: 'key-b' })).toString('base64url');

const options = (
  acquire: Partial<EffectiveAcquireTokenOptions>,
  requestAppToken = true,
): EffectiveDownstreamOptions => ({
  relativePath: '',
  httpMethod: 'GET',
  acceptHeader: 'application/json',
  contentType: 'application/json',
  scopes: requestAppToken ? ['api://demo/.default'] : ['api://demo/Read'],
  requestAppToken,
  extraHeaderParameters: {},
  extraQueryParameters: {},
  acquireTokenOptions: { forceRefresh: false, ...acquire },
});
const context = (inbound = false): RequestContext => ({
  route: 'AuthorizationHeader',
  apiName: 'Api',
  query: new URLSearchParams(),
  inbound: inbound ? { assertion: 'user.jwt', claims: { tid: AZURE_AD.tenantId } } : undefined,
});

describe('planTokenRequest with PopPublicKey (spec F.5)', () => {
  it('should plan the PoP client-credentials flow with the key as given', () => {
    // Act
    const { request, keyParts } = planTokenRequest(options({ popPublicKey: KEY_A }), context(), AZURE_AD);

    // Assert
    expect(request).toMatchObject({
      flow: 'client_credentials_pop',
      popPublicKey: KEY_A,
      scopes: ['api://demo/.default'],
      tenant: AZURE_AD.tenantId,
    });
    expect(keyParts.popKeyId).toBeDefined();
    expect(keyParts.assertion).toBeUndefined();
  });

  it('should key the same PopPublicKey alike and two keys apart, and apart from a Bearer token', () => {
    // Act
    const key = (acquire: Partial<EffectiveAcquireTokenOptions>) =>
      tokenCacheKey(planTokenRequest(options(acquire), context(), AZURE_AD).keyParts);

    // Assert
    expect(key({ popPublicKey: KEY_A })).toBe(key({ popPublicKey: KEY_A }));
    expect(key({ popPublicKey: KEY_A })).not.toBe(key({ popPublicKey: KEY_B }));
    expect(key({ popPublicKey: KEY_A })).not.toBe(key({}));
    expect(key({ popPublicKey: KEY_A })).not.toContain(KEY_A);
  });

  it('should answer a malformed PopPublicKey with a 400 before any request', () => {
    // Act
    const plan = () => planTokenRequest(options({ popPublicKey: 'not base64url!' }), context(), AZURE_AD);

    // Assert
    expect(plan).toThrow(SidecarError);
    expect(plan).toThrow('The PopPublicKey is not base64url-encoded.');
  });

  it('should keep the tenant override of the app path', () => {
    // Act
    const { request } = planTokenRequest(
      options({ popPublicKey: KEY_A, tenant: 'partner.example' }),
      context(),
      AZURE_AD,
    );

    // Assert
    expect(request.tenant).toBe('partner.example');
  });

  it('should ignore PopPublicKey on the user path (a Bearer OBO token)', () => {
    // Act
    const { request, keyParts } = planTokenRequest(
      options({ popPublicKey: 'even a malformed one' }, false),
      context(true),
      AZURE_AD,
    );

    // Assert
    expect(request.flow).toBe('on_behalf_of');
    expect(request.popPublicKey).toBeUndefined();
    expect(keyParts.popKeyId).toBeUndefined();
  });

  it('should ignore PopPublicKey on the managed-identity path', () => {
    // Act
    const { request } = planTokenRequest(
      options({ popPublicKey: KEY_A, managedIdentity: {} }),
      context(),
      AZURE_AD,
    );

    // Assert
    expect(request.flow).toBe('managed_identity');
    expect(request.popPublicKey).toBeUndefined();
  });
});
