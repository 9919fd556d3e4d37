import type { AzureAdSettings } from '@app/config';
import { SidecarError } from '@app/problem-details';
import { type DownstreamServer, json, startDownstream } from '@app/testing';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { basicSourceFactory, CredentialLoader } from '../../credentials/credential-loader';
import { TokenEndpointClient } from './token-endpoint.client';

const TENANT = '7a1d4b52-3c8e-4f0a-9b6d-2e5f8c1a4d37';
const CLIENT_ID = 'c3f9e1a2-5b7d-4e8f-a6c4-9d2b1e7f3a58';
const SECRET = 'not-a-real-secret';
const TOKEN = { token_type: 'pop', access_token: 'eyJ.pop.token', expires_in: 3600 };

describe('TokenEndpointClient', () => {
  let authority: DownstreamServer;
  let answer: { status: number; body: unknown; location?: string };

  beforeAll(async () => {
    authority = await startDownstream((req, res, received) => {
      if (received.path.startsWith('/hang/')) return; // never answers
      if (answer.location !== undefined) {
        res.writeHead(answer.status, { Location: answer.location }).end();
        return;
      }
      json(answer.status, answer.body)(req, res, received);
    });
  });
  afterAll(() => authority.close());
  beforeEach(() => {
    authority.received.length = 0;
    answer = { status: 200, body: TOKEN };
  });

  function clientWith(settings: Partial<AzureAdSettings> = {}, timeoutMs = 5_000): TokenEndpointClient {
    const azureAd = {
      instance: `${authority.url}/`,
      tenantId: TENANT,
      clientId: CLIENT_ID,
      clientCapabilities: [],
      sendX5C: false,
      ...settings,
    } as Partial<AzureAdSettings> as AzureAdSettings;
    const credentials = new CredentialLoader(
      [{ sourceType: 'ClientSecret', clientSecret: SECRET, skip: false }],
      [basicSourceFactory(undefined)],
      pino({ level: 'silent' }),
    );
    return new TokenEndpointClient(azureAd, credentials, timeoutMs);
  }

  const sentForm = () => new URLSearchParams(authority.received[0].body.toString('utf8'));

  it("should post the grant's fields with the client id and secret to the tenant's v2.0 token endpoint", async () => {
    // Act
    const token = await clientWith().acquire({
      tenant: TENANT,
      fields: {
        grant_type: 'client_credentials',
        scope: 'api://x/.default',
        token_type: 'pop',
        req_cnf: 'eyJ',
      },
      extraQueryParameters: {},
    });

    // Assert
    expect(token).toMatchObject({ accessToken: 'eyJ.pop.token', tokenType: 'pop' });
    expect(authority.received).toHaveLength(1);
    expect(authority.received[0].method).toBe('POST');
    expect(authority.received[0].path).toBe(`/${TENANT}/oauth2/v2.0/token`);
    expect(authority.header(0, 'content-type')[0]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(sentForm())).toEqual({
      grant_type: 'client_credentials',
      scope: 'api://x/.default',
      token_type: 'pop',
      req_cnf: 'eyJ',
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
  });

  it('should send fmi_path, claims with the client capabilities, the extra query and the correlation id', async () => {
    // Act
    await clientWith({ clientCapabilities: ['cp1'] }).acquire({
      tenant: TENANT,
      fields: { grant_type: 'client_credentials', scope: 'api://x/.default' },
      claims: '{"access_token":{"nbf":{"essential":true,"value":"1"}}}',
      fmiPath: 'agents/a1',
      correlationId: '0f8fad5b-d9cb-469f-a165-70867728950e',
      extraQueryParameters: { dc: 'ESTS-PUB-TEST', slice: 'testslice' },
    });

    // Assert
    expect(sentForm().get('fmi_path')).toBe('agents/a1');
    expect(JSON.parse(sentForm().get('claims') ?? '')).toEqual({
      access_token: { nbf: { essential: true, value: '1' }, xms_cc: { values: ['cp1'] } },
    });
    expect(Object.fromEntries(authority.received[0].query)).toEqual({
      dc: 'ESTS-PUB-TEST',
      slice: 'testslice',
    });
    expect(authority.header(0, 'client-request-id')).toEqual(['0f8fad5b-d9cb-469f-a165-70867728950e']);
  });

  it('should send a new client-request-id when no correlation id is configured', async () => {
    // Act
    await clientWith().acquire({ tenant: TENANT, fields: {}, extraQueryParameters: {} });

    // Assert
    expect(authority.header(0, 'client-request-id')[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("should throw Entra's refusal as a 401 SidecarError with its error_description", async () => {
    // Arrange
    answer = { status: 401, body: { error: 'invalid_client', error_description: 'AADSTS7000215: Invalid.' } };

    // Act
    const failure = await clientWith()
      .acquire({ tenant: TENANT, fields: {}, extraQueryParameters: {} })
      .catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(SidecarError);
    expect(failure).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'AADSTS7000215: Invalid.' });
  });

  it('should never follow a redirect, so a token request never reaches another host', async () => {
    // Arrange
    answer = { status: 307, body: '', location: `${authority.url}/elsewhere` };

    // Act
    const failure = await clientWith()
      .acquire({ tenant: TENANT, fields: {}, extraQueryParameters: {} })
      .catch((error: unknown) => error);

    // Assert
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(SidecarError);
    expect(authority.received).toHaveLength(1);
  });

  it('should give up after the token-acquisition timeout', async () => {
    // Arrange
    const started = Date.now();

    // Act
    const failure = await clientWith({}, 150)
      .acquire({ tenant: 'hang', fields: {}, extraQueryParameters: {} })
      .catch((error: unknown) => error);

    // Assert
    expect((failure as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
