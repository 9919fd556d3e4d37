import type { AzureAdSettings } from '@app/config';
import { SidecarError } from '@app/problem-details';
import { describe, expect, it } from 'vitest';
import type {
  AgentParameters,
  EffectiveDownstreamOptions,
  InboundAssertion,
  RequestContext,
} from '@app/token-core';
import { planAgentRequest } from './agent-request.planner';

const TENANT = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';
const AGENT = '01a78345-9a80-477a-b6ed-f92d7cbe2dcd';

const azureAd = {
  instance: 'https://localhost:5443/',
  tenantId: TENANT,
  clientId: '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6',
  extraQueryParameters: {},
} as unknown as AzureAdSettings;

function options(
  agent: AgentParameters,
  overrides: Partial<EffectiveDownstreamOptions> = {},
  acquire: Partial<EffectiveDownstreamOptions['acquireTokenOptions']> = {},
): EffectiveDownstreamOptions {
  return {
    relativePath: '',
    httpMethod: 'GET',
    acceptHeader: 'application/json',
    contentType: 'application/json',
    scopes: ['api://demo/Weather.Read', 'openid'],
    requestAppToken: false,
    extraHeaderParameters: {},
    extraQueryParameters: {},
    acquireTokenOptions: { forceRefresh: false, ...acquire },
    agent,
    ...overrides,
  };
}

const inbound: InboundAssertion = { assertion: 'user-jws', claims: { tid: 'inbound-tenant' } };
const context = (withInbound: boolean): RequestContext => ({
  route: 'AuthorizationHeader',
  apiName: 'User',
  query: new URLSearchParams(),
  inbound: withInbound ? inbound : undefined,
});
const plainAgent: AgentParameters = { kind: 'agent', agentIdentity: AGENT };
const agentUser: AgentParameters = { kind: 'agentUserByUsername', agentIdentity: AGENT, username: 'u@demo' };

describe('planAgentRequest (spec E.2)', () => {
  it('should plan the autonomous agent flow on the app path with the first /.default scope', () => {
    // Act
    const request = planAgentRequest(
      options(plainAgent, { requestAppToken: true, scopes: ['api://demo/.default', 'ignored'] }),
      context(true),
      azureAd,
    );

    // Assert
    expect(request).toMatchObject({
      flow: 'agent_app',
      agentId: AGENT,
      tenant: TENANT,
      scopes: ['api://demo/.default'],
    });
  });

  it('should take the app path for a ManagedIdentity option too', () => {
    // Act
    const request = planAgentRequest(
      options(plainAgent, { scopes: ['api://demo/.default'] }, { managedIdentity: {} }),
      context(false),
      azureAd,
    );

    // Assert
    expect(request.flow).toBe('agent_app');
  });

  it('should refuse agent user parameters on the app path with a 400', () => {
    // Act
    const act = () =>
      planAgentRequest(
        options(agentUser, { requestAppToken: true, scopes: ['api://demo/.default'] }),
        context(false),
        azureAd,
      );

    // Assert
    expect(act).toThrow(SidecarError);
    expect(act).toThrow(/cannot be combined with an app token/);
  });

  it('should plan the agent user flow without an inbound token, in the configured tenant, without OIDC scopes', () => {
    // Act
    const request = planAgentRequest(options(agentUser), context(true), azureAd);

    // Assert
    expect(request).toMatchObject({
      flow: 'agent_user',
      tenant: TENANT,
      scopes: ['api://demo/Weather.Read'],
      user: { username: 'u@demo' },
    });
    expect(request.assertion).toBeUndefined();
  });

  it('should plan agent OBO with the inbound assertion in the inbound tenant', () => {
    // Act
    const request = planAgentRequest(options(plainAgent), context(true), azureAd);

    // Assert
    expect(request).toMatchObject({ flow: 'agent_obo', tenant: 'inbound-tenant', assertion: 'user-jws' });
  });

  it('should apply a tenant override and a claims override to the plan', () => {
    // Act
    const request = planAgentRequest(
      options(agentUser, {}, { tenant: 'partner' }),
      context(false),
      azureAd,
      '{"x":1}',
    );

    // Assert
    expect(request).toMatchObject({ tenant: 'partner', claims: '{"x":1}' });
  });

  it('should answer 401 No account… for the user path without a user token', () => {
    // Act
    const act = () => planAgentRequest(options(plainAgent), context(false), azureAd);

    // Assert
    expect(act).toThrow('No account or login hint was passed to the AcquireTokenSilent call.');
  });
});
