import { SidecarError } from '@app/problem-details';
import type { AuthorizationHeaderService, DownstreamOptionsResolver } from '@app/token';
import type { EffectiveDownstreamOptions, RequestContext } from '@app/token-core';
import pino from 'pino';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DownstreamApiService } from './downstream-api.service';
import type { DownstreamCall } from './downstream-call';
import type { OutboundRequest, OutboundResponse } from './http/downstream-http-client';

const OPTIONS: EffectiveDownstreamOptions = {
  baseUrl: 'https://api.example.com/v1/',
  relativePath: '/items',
  httpMethod: 'post',
  acceptHeader: 'application/json',
  contentType: 'application/json',
  scopes: ['api://x/.default'],
  requestAppToken: true,
  extraHeaderParameters: { 'X-Extra': 'yes' },
  extraQueryParameters: { top: '5' },
  acquireTokenOptions: { forceRefresh: false },
};
const CONTEXT: RequestContext = {
  route: 'DownstreamApiUnauthenticated',
  apiName: 'Api',
  query: new URLSearchParams(),
};
const CLAIMS = '{"access_token":{"nbf":{"essential":true}}}';

const response = (statusCode: number, rawHeaders: string[] = [], body = ''): OutboundResponse => ({
  statusCode,
  rawHeaders,
  body: Buffer.from(body),
});

describe('DownstreamApiService', () => {
  let options: EffectiveDownstreamOptions;
  const resolver = { resolve: vi.fn(() => options) };
  const provider = { acquire: vi.fn(), cachedAnswer: vi.fn<() => unknown>(() => undefined) };
  const call = { send: vi.fn<(apiName: string, request: OutboundRequest) => Promise<OutboundResponse>>() };
  let service: DownstreamApiService;

  beforeEach(() => {
    options = OPTIONS;
    vi.clearAllMocks();
    provider.acquire.mockReset();
    provider.cachedAnswer.mockReset().mockReturnValue(undefined);
    call.send.mockReset();
    provider.acquire.mockResolvedValueOnce({ authorizationHeader: 'Bearer first', expiresOn: new Date() });
    provider.acquire.mockResolvedValueOnce({ authorizationHeader: 'Bearer second', expiresOn: new Date() });
    service = new DownstreamApiService(
      resolver as unknown as DownstreamOptionsResolver,
      provider as unknown as AuthorizationHeaderService,
      call as unknown as DownstreamCall,
      pino({ level: 'silent' }),
    );
  });

  it('should build the outbound request from the effective options and the acquired header', async () => {
    // Arrange
    call.send.mockResolvedValue(response(200));
    const body = Buffer.from([1, 2, 3]);

    // Act
    await service.invoke(CONTEXT, { body, contentType: 'application/x-custom' });

    // Assert
    expect(resolver.resolve).toHaveBeenCalledWith(CONTEXT, { requireNonEmptyScopes: true });
    const [apiName, request] = call.send.mock.calls[0];
    expect(apiName).toBe('Api');
    expect(request.url.href).toBe('https://api.example.com/v1/items?top=5');
    expect(request.method).toBe('POST');
    expect(request.headers).toEqual({
      Accept: 'application/json',
      'X-Extra': 'yes',
      Authorization: 'Bearer first',
      'Content-Type': 'application/x-custom',
    });
    expect(request.body).toBe(body);
  });

  it.each([200, 201, 204, 400, 401, 404, 500])(
    'should report a downstream %i as statusCode',
    async (status) => {
      // Arrange
      call.send.mockResolvedValue(response(status, ['Content-Type', 'text/plain', 'Location', '/x'], 'text'));

      // Act
      const result = await service.invoke(CONTEXT, {});

      // Assert
      expect(result).toEqual({
        statusCode: status,
        headers: { 'Content-Type': ['text/plain'] },
        content: 'text',
      });
    },
  );

  it('should return null content and no headers for an empty answer', async () => {
    // Arrange
    call.send.mockResolvedValue(response(204));

    // Act / Assert
    expect(await service.invoke(CONTEXT, {})).toEqual({ statusCode: 204, headers: {}, content: null });
  });

  it('should retry once with a new token carrying the challenged claims', async () => {
    // Arrange
    const challenge = `Bearer error="insufficient_claims", claims="${Buffer.from(CLAIMS).toString('base64')}"`;
    call.send.mockResolvedValueOnce(response(401, ['WWW-Authenticate', challenge]));
    call.send.mockResolvedValueOnce(response(200, [], 'ok'));

    // Act
    const result = await service.invoke(CONTEXT, {});

    // Assert
    expect(result.content).toBe('ok');
    expect(provider.acquire).toHaveBeenLastCalledWith(options, CONTEXT, { claims: CLAIMS });
    expect(call.send.mock.calls.map(([, request]) => request.headers.Authorization)).toEqual([
      'Bearer first',
      'Bearer second',
    ]);
  });

  it('should not retry a 401 without a claims challenge', async () => {
    // Arrange
    call.send.mockResolvedValue(response(401, ['WWW-Authenticate', 'Bearer error="invalid_token"']));

    // Act
    const result = await service.invoke(CONTEXT, {});

    // Assert
    expect(result.statusCode).toBe(401);
    expect(call.send).toHaveBeenCalledTimes(1);
    expect(provider.acquire).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a typed empty body', { contentType: 'text/plain' }, Buffer.alloc(0)],
    ['an untyped body with bytes', { body: Buffer.from('x') }, Buffer.from('x')],
    ['an untyped empty body', { body: Buffer.alloc(0) }, undefined],
    ['no body at all', {}, undefined],
  ])('should forward %s as the spec says', async (_name, inbound, expected) => {
    // Arrange
    call.send.mockResolvedValue(response(200));

    // Act
    await service.invoke(CONTEXT, inbound);

    // Assert
    expect(call.send.mock.calls[0][1].body).toEqual(expected);
  });

  it('should fail with a 500 code, before acquiring a token, for a profile without BaseUrl', async () => {
    // Arrange
    options = { ...OPTIONS, baseUrl: undefined };

    // Act
    const invoke = service.invoke(CONTEXT, {});

    // Assert
    await expect(invoke).rejects.toMatchObject({ code: 'DOWNSTREAM_NOT_CONFIGURED' });
    expect(provider.acquire).not.toHaveBeenCalled();
  });

  it('should answer 400 for an HTTP method override that is not a method token', async () => {
    // Arrange
    options = { ...OPTIONS, httpMethod: 'GE T' };

    // Act
    const invoke = service.invoke(CONTEXT, {});

    // Assert
    await expect(invoke).rejects.toBeInstanceOf(SidecarError);
    await expect(invoke).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('should give each call of shared options its own token and Content-Type, and warn of a dropped header each time', async () => {
    // Arrange: the same options object for both calls, as the resolver shares it without a query string
    options = { ...OPTIONS, extraHeaderParameters: { 'X-Extra': 'yes', Cookie: 'c=1' } };
    const lines: string[] = [];
    service = new DownstreamApiService(
      resolver as unknown as DownstreamOptionsResolver,
      provider as unknown as AuthorizationHeaderService,
      call as unknown as DownstreamCall,
      pino({ level: 'warn' }, { write: (line: string) => lines.push(line) }),
    );
    call.send.mockResolvedValue(response(200));

    // Act
    await service.invoke(CONTEXT, { body: Buffer.from('{}'), contentType: 'application/json' });
    await service.invoke(CONTEXT, {});

    // Assert
    const [first, second] = call.send.mock.calls.map(([, request]) => request);
    expect(first.headers).toEqual({
      Accept: 'application/json',
      'X-Extra': 'yes',
      Authorization: 'Bearer first',
      'Content-Type': 'application/json',
    });
    expect(second.headers).toEqual({
      Accept: 'application/json',
      'X-Extra': 'yes',
      Authorization: 'Bearer second',
    });
    expect(second.url.href).toBe(first.url.href);
    const dropped = lines.filter((line) => line.includes('An extra header was not sent downstream.'));
    expect(dropped).toHaveLength(2);
  });

  it('should send a token the cache still holds without acquiring one, for options shared by every such request', async () => {
    // Arrange
    const inbound = { assertion: 'user-jws', claims: {} };
    const context: RequestContext = { ...CONTEXT, inbound };
    provider.cachedAnswer.mockReturnValue({ result: { authorizationHeader: 'Bearer cached' } });
    call.send.mockResolvedValue(response(200));

    // Act
    await service.invoke(context, {});

    // Assert
    expect(provider.cachedAnswer).toHaveBeenCalledWith(options, inbound);
    expect(provider.acquire).not.toHaveBeenCalled();
    expect(call.send.mock.calls[0][1].headers.Authorization).toBe('Bearer cached');
  });

  it('should not look in the cache for a request with a query string, whose options are its own', async () => {
    // Arrange
    const context: RequestContext = { ...CONTEXT, query: new URLSearchParams('optionsOverride.Scopes=x') };
    provider.cachedAnswer.mockReturnValue({ result: { authorizationHeader: 'Bearer cached' } });
    call.send.mockResolvedValue(response(200));

    // Act
    await service.invoke(context, {});

    // Assert
    expect(provider.cachedAnswer).not.toHaveBeenCalled();
    expect(call.send.mock.calls[0][1].headers.Authorization).toBe('Bearer first');
  });
});
