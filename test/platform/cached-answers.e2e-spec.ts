import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { type RunningSidecar, startSidecar } from '../support/sidecar';
import { emulatorEnv, oboRequests, userToken } from '../token/support/token-fixtures';
import { rawGet } from '../validation/token-forgery';
import { waitForReadiness } from '../validation/validation-fixture';

/**
 * Answers the caches hold in full are served from a hook on their route, before Nest's pipeline. Each of them
 * must be exactly what the full pipeline answers, and nothing the full pipeline refuses may be served this way.
 */
describe('Answers served from the caches before the route pipeline', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    emulator = await startEmulator();
    // No clock skew, so a token is refused as soon as it expires (the cache keeps it until `exp` only).
    sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        Sidecar__Validation__ClockSkew: '00:00:00',
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
      }),
    });
    await waitForReadiness(sidecar.url);
  });
  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });
  beforeEach(() => emulator.requests.reset());

  it('should answer a repeated /Validate from the cache exactly as the full pipeline did', async () => {
    // The first validation is remembered, the second stores the token in the verified-token cache.
    const headers = { authorization: `Bearer ${await userToken(emulator)}` };
    await expectCachedAnswerLikeFull('/Validate', '/Validate', headers, 2);
  });

  it('should answer a cached app token exactly as the full pipeline did', async () => {
    const path = '/AuthorizationHeaderUnauthenticated/App';
    await expectCachedAnswerLikeFull(path, '/AuthorizationHeaderUnauthenticated/:apiName', {}, 1);
    expect(emulator.requests.count({ grantType: 'client_credentials' })).toBe(1);
  });

  it('should answer a cached on-behalf-of header for a cached user token exactly as the full pipeline did', async () => {
    const headers = { authorization: `Bearer ${await userToken(emulator)}` };
    await expectCachedAnswerLikeFull(
      '/AuthorizationHeader/User',
      '/AuthorizationHeader/:apiName',
      headers,
      2,
    );
    expect(oboRequests({ emulator, sidecar, close: async () => {} })).toBe(1);
  });

  /** `fullCalls` calls take the full pipeline; the next one is served from the cache, identical to the first. */
  async function expectCachedAnswerLikeFull(
    path: string,
    route: string,
    headers: Record<string, string>,
    fullCalls: number,
  ): Promise<void> {
    // Arrange
    const full = await call(path, { 'x-correlation-id': 'parity', ...headers });
    for (let i = 1; i < fullCalls; i++) await call(path, headers);
    const before = await servedFromCache(route);

    // Act
    const cached = await call(path, { 'x-correlation-id': 'parity', ...headers });

    // Assert
    expect(await servedFromCache(route)).toBe(before + 1);
    expect(full.status).toBe(200);
    expect(cached).toEqual(full);
  }

  it('should keep another user apart: their first call makes its own token request', async () => {
    const first = { authorization: `Bearer ${await userToken(emulator, 'demo-user')}` };
    for (let i = 0; i < 3; i++) await call('/AuthorizationHeader/User', first);
    const other = { authorization: `Bearer ${await userToken(emulator, 'other-user')}` };
    emulator.requests.reset();

    const answer = await call('/AuthorizationHeader/User', other);

    expect(answer.status).toBe(200);
    expect(answer.body).not.toEqual((await call('/AuthorizationHeader/User', first)).body);
    expect(emulator.requests.count({ grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer' })).toBe(1);
  });

  it('should count one validation per request, whether the cache answers it or the pipeline does', async () => {
    // Arrange: a cached user token whose on-behalf-of header is not cached yet
    const headers = bearerOf(await cachedUserToken());
    const before = await validTokens();

    // Act: the first call falls through to the pipeline, the next two are answered from the cache
    expect((await call('/AuthorizationHeader/User', headers)).status).toBe(200);
    expect((await call('/AuthorizationHeader/User', headers)).status).toBe(200);
    expect((await call('/Validate', headers)).status).toBe(200);

    // Assert
    expect(await validTokens()).toBe(before + 3);
  });

  it('should never serve a request with a query string from the cache', async () => {
    const path =
      '/AuthorizationHeaderUnauthenticated/App?optionsOverride.AcquireTokenOptions.ForceRefresh=true';
    const before = await servedFromCache('/AuthorizationHeaderUnauthenticated/:apiName');

    for (let i = 0; i < 3; i++) expect((await call(path)).status).toBe(200);

    expect(await servedFromCache('/AuthorizationHeaderUnauthenticated/:apiName')).toBe(before);
    expect(emulator.requests.count({ grantType: 'client_credentials' })).toBe(3);
  });

  it('should refuse a cached token sent in two Authorization headers', async () => {
    const token = await cachedUserToken();
    const before = await servedFromCache('/Validate');

    const response = await rawGet(sidecar.url, '/Validate', [
      ['Authorization', `Bearer ${token}`],
      ['Authorization', `Bearer ${token}`],
    ]);

    expect(response.status).toBe(401);
    expect(await servedFromCache('/Validate')).toBe(before);
  });

  it('should refuse a bearer route without a token even when its app token is cached', async () => {
    // Arrange: an app token's plan does not depend on the caller, so a hit needs no user token
    const token = await cachedUserToken();
    for (let i = 0; i < 2; i++)
      expect((await call('/AuthorizationHeader/App', bearerOf(token))).status).toBe(200);

    const response = await call('/AuthorizationHeader/App');

    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('should stop serving a token from the cache once it expires, and then refuse it', async () => {
    // Arrange: a token valid for 3 more seconds, served from the cache on its third call
    const token = await userToken(emulator, 'demo-user', { expiresIn: 3 });
    for (let i = 0; i < 3; i++) expect((await call('/Validate', bearerOf(token))).status).toBe(200);
    const before = await servedFromCache('/Validate');
    await new Promise((resolve) => setTimeout(resolve, 3_200));

    // Act
    const expired = await call('/Validate', bearerOf(token));

    // Assert
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toContain('invalid_token');
    expect(await servedFromCache('/Validate')).toBe(before);
  });

  it('should refuse a cached token to a caller outside the pod before anything else', async () => {
    const token = await cachedUserToken();

    const response = await sidecar.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: '/Validate', remoteAddress: '10.0.0.5', headers: bearerOf(token) });

    expect(response.statusCode).toBe(403);
    expect(response.body).toBe('');
  });

  describe('with required scopes (AzureAd:Scopes)', () => {
    let scoped: RunningSidecar;

    beforeAll(async () => {
      scoped = await startSidecar({ env: emulatorEnv(emulator, { AzureAd__Scopes: 'Weather.Admin' }) });
      await waitForReadiness(scoped.url);
    });
    afterAll(() => scoped?.close());

    it('should answer the 403 of a cached token without the scope every time, never from the cache', async () => {
      const headers = bearerOf(await userToken(emulator));

      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await call('/Validate', headers, scoped));

      expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403]);
      expect(answers[3].body).toMatch(/^IDW10203: /);
      expect(await servedFromCache('/Validate', scoped)).toBe(0);
      expect(await validTokens(scoped)).toBe(4);
    });
  });

  const bearerOf = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A user token the verified-token cache holds (validated twice). */
  async function cachedUserToken(): Promise<string> {
    const token = await userToken(emulator);
    for (let i = 0; i < 2; i++) expect((await call('/Validate', bearerOf(token))).status).toBe(200);
    return token;
  }

  /** Status, headers (without the date) and body of one call. */
  async function call(path: string, headers: Record<string, string> = {}, target = sidecar) {
    const response = await fetch(`${target.url}${path}`, { headers });
    const answerHeaders = Object.fromEntries(response.headers);
    delete answerHeaders.date;
    return { status: response.status, headers: answerHeaders, body: await response.text() };
  }

  const servedFromCache = (route: string, target = sidecar): Promise<number> =>
    sample(`sidecar_http_cached_answers_total{route="${route}"}`, target);
  const validTokens = (target = sidecar): Promise<number> =>
    sample('sidecar_token_validations_total{outcome="valid"}', target);

  /** The value of one Prometheus sample (name and labels as exposed), 0 while it is absent. */
  async function sample(series: string, target: RunningSidecar): Promise<number> {
    const text = await (await fetch(`${target.url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`${series} `));
    return Number(line?.split(' ')[1] ?? 0);
  }
});
