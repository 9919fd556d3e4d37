import { type EntraEmulator, startEmulator } from '@app/entra-emulator';
import { type DownstreamServer, startDownstream } from '@app/testing';
import { calculateJwkThumbprint, decodeProtectedHeader, type JWK } from 'jose';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';
import { createTestCertificate } from '../token/support/certificates';
import {
  DEMO,
  decodePayload,
  emulatorEnv,
  getJson,
  OBO_GRANT,
  userToken,
} from '../token/support/token-fixtures';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const WORKLOAD_SUBJECT = 'system:serviceaccount:demo:pop-sidecar';
const UNEXPECTED = 'An unexpected error occurred.';

/** A caller's key pair as a PoP client holds it; the sidecar only ever sees `popPublicKey`. */
interface CallerKey {
  readonly kid: string;
  readonly jwk: JWK;
  /** base64url JSON of what `cnf` should name: the kid and/or the public JWK. */
  readonly popPublicKey: string;
  readonly cnf: Record<string, unknown>;
}

async function callerKey(type: 'rsa' | 'ec', name: 'kid' | 'jwk' | 'both'): Promise<CallerKey> {
  const { publicKey } =
    type === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' }) as JWK;
  const kid = await calculateJwkThumbprint(jwk);
  const cnf = name === 'kid' ? { kid } : name === 'jwk' ? { jwk } : { kid, jwk };
  return { kid, jwk, cnf, popPublicKey: Buffer.from(JSON.stringify(cnf)).toString('base64url') };
}

const withKey = (key: string, extra = ''): string =>
  `optionsOverride.AcquireTokenOptions.PopPublicKey=${encodeURIComponent(key)}${extra}`;

// Spec F.5 end to end: real key pairs, the sidecar against the emulator over HTTPS, a loopback downstream API.
describe('PoP tokens on the app path (PopPublicKey, spec F.5)', () => {
  let emulator: EntraEmulator;
  let downstream: DownstreamServer;
  let sidecar: RunningSidecar;
  let rsaBoth: CallerKey;
  let rsaKid: CallerKey;
  let ecJwk: CallerKey;
  let configured: CallerKey;

  beforeAll(async () => {
    [rsaBoth, rsaKid, ecJwk, configured] = await Promise.all([
      callerKey('rsa', 'both'),
      callerKey('rsa', 'kid'),
      callerKey('ec', 'jwk'),
      callerKey('ec', 'both'),
    ]);
    emulator = await startEmulator();
    downstream = await startDownstream();
    sidecar = await startSidecar({
      env: emulatorEnv(emulator, {
        Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        DownstreamApis__PopConfigured__RequestAppToken: 'true',
        DownstreamApis__PopConfigured__Scopes__0: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__PopConfigured__AcquireTokenOptions__PopPublicKey: configured.popPublicKey,
        DownstreamApis__PopDownstream__BaseUrl: downstream.url,
        DownstreamApis__PopDownstream__RelativePath: '/weather',
        DownstreamApis__PopDownstream__RequestAppToken: 'true',
        DownstreamApis__PopDownstream__Scopes__0: `${DEMO.downstream.uri}/.default`,
      }),
    });
  });
  afterAll(async () => {
    await sidecar?.close();
    await downstream?.close();
    await emulator?.close();
  });
  beforeEach(() => {
    emulator.requests.reset();
    emulator.faults.clear();
  });

  const appHeader = (query: string) =>
    getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App?${query}`);
  const tokenRequests = () =>
    emulator.requests.list({
      kind: 'token',
      grantType: 'client_credentials',
      clientId: DEMO.sidecar.clientId,
    });

  it('should send req_cnf exactly as given with token_type=pop, and answer the pop token bound to the key', async () => {
    // Act
    const { status, body } = await appHeader(withKey(rsaBoth.popPublicKey));

    // Assert
    expect(status).toBe(200);
    const header = String(body.authorizationHeader);
    expect(header).toMatch(/^pop eyJ/);
    expect(decodePayload(header)).toMatchObject({
      aud: DEMO.downstream.clientId,
      azp: DEMO.sidecar.clientId,
      tid: DEMO.tenantId,
      cnf: { kid: rsaBoth.kid, jwk: rsaBoth.jwk },
    });
    expect(new Date(String(body.expiresOn)).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    const sent = tokenRequests();
    expect(sent).toHaveLength(1);
    expect(sent[0].form).toMatchObject({
      grant_type: 'client_credentials',
      scope: `${DEMO.downstream.uri}/.default`,
      token_type: 'pop',
      req_cnf: rsaBoth.popPublicKey,
      client_id: DEMO.sidecar.clientId,
      client_secret: DEMO.sidecar.secret,
    });
  });

  it.each([
    ['a kid only', () => rsaKid],
    ['an EC jwk only', () => ecJwk],
  ])('should bind the token to %s', async (_, key) => {
    // Act
    const { status, body } = await appHeader(withKey(key().popPublicKey));

    // Assert
    expect(status).toBe(200);
    expect(decodePayload(String(body.authorizationHeader)).cnf).toEqual(key().cnf);
    expect(tokenRequests()[0]?.form?.req_cnf).toBe(key().popPublicKey);
  });

  it('should serve a second call with the same key from the cache, with no token request', async () => {
    // Arrange
    const first = await appHeader(withKey(rsaBoth.popPublicKey));
    emulator.requests.reset();

    // Act
    const second = await appHeader(withKey(rsaBoth.popPublicKey));

    // Assert
    expect(second.status).toBe(200);
    expect(second.body.authorizationHeader).toBe(first.body.authorizationHeader);
    expect(tokenRequests()).toHaveLength(0);
  });

  it('should get one token per key, each bound to its own key, and keep the Bearer token apart', async () => {
    // Arrange: keys nobody asked for yet
    const [one, two] = await Promise.all([callerKey('rsa', 'both'), callerKey('ec', 'both')]);

    // Act
    const first = await appHeader(withKey(one.popPublicKey));
    const second = await appHeader(withKey(two.popPublicKey));
    const again = [await appHeader(withKey(one.popPublicKey)), await appHeader(withKey(two.popPublicKey))];
    const bearer = await getJson(`${sidecar.url}/AuthorizationHeaderUnauthenticated/App`);

    // Assert
    expect(first.body.authorizationHeader).not.toBe(second.body.authorizationHeader);
    expect(decodePayload(String(first.body.authorizationHeader)).cnf).toEqual(one.cnf);
    expect(decodePayload(String(second.body.authorizationHeader)).cnf).toEqual(two.cnf);
    expect(again.map((answer) => answer.body.authorizationHeader)).toEqual([
      first.body.authorizationHeader,
      second.body.authorizationHeader,
    ]);
    expect(tokenRequests().filter((request) => request.form?.token_type === 'pop')).toHaveLength(2);
    expect(String(bearer.body.authorizationHeader)).toMatch(/^Bearer /);
    expect(decodePayload(String(bearer.body.authorizationHeader)).cnf).toBeUndefined();
  });

  it('should coalesce concurrent cold calls for one key into one token request', async () => {
    // Arrange
    const key = await callerKey('ec', 'kid');

    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, () => appHeader(withKey(key.popPublicKey))));

    // Assert
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([200]));
    expect(new Set(answers.map((answer) => answer.body.authorizationHeader)).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('should send the tenant override, fmi_path and correlation id of the request', async () => {
    // Arrange
    const correlationId = randomUUID();
    const options =
      `&optionsOverride.AcquireTokenOptions.Tenant=${DEMO.partnerTenantId}` +
      '&optionsOverride.AcquireTokenOptions.FmiPath=pop-agent' +
      `&optionsOverride.AcquireTokenOptions.CorrelationId=${correlationId}`;

    // Act
    const { status, body } = await appHeader(withKey(rsaKid.popPublicKey, options));

    // Assert
    expect(status).toBe(200);
    const [sent] = tokenRequests();
    expect(sent.tenant).toBe(DEMO.partnerTenantId);
    expect(sent.form).toMatchObject({ fmi_path: 'pop-agent', req_cnf: rsaKid.popPublicKey });
    expect(sent.headers['client-request-id']).toBe(correlationId);
    expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
      tid: DEMO.partnerTenantId,
      sub: 'pop-agent',
      cnf: rsaKid.cnf,
    });
  });

  it('should answer a user (OBO) profile with a Bearer token, ignoring PopPublicKey as the reference does', async () => {
    // Arrange
    const bearer = { authorization: `Bearer ${await userToken(emulator)}` };

    // Act
    const { status, body } = await getJson(
      `${sidecar.url}/AuthorizationHeader/User?${withKey(rsaBoth.popPublicKey)}`,
      bearer,
    );

    // Assert
    expect(status).toBe(200);
    expect(String(body.authorizationHeader)).toMatch(/^Bearer eyJ/);
    expect(decodePayload(String(body.authorizationHeader)).cnf).toBeUndefined();
    const obo = emulator.requests.lastTokenRequest({ grantType: OBO_GRANT });
    expect(obo?.form?.req_cnf).toBeUndefined();
    expect(obo?.form?.token_type).toBeUndefined();
    expect(tokenRequests()).toHaveLength(0);
  });

  it.each([
    ['not base64url', 'a+b/c==', 'The PopPublicKey is not base64url-encoded.'],
    ['not JSON', Buffer.from('kid=abc').toString('base64url'), 'The PopPublicKey does not decode to JSON.'],
    [
      'a JSON array',
      Buffer.from('[{"kid":"a"}]').toString('base64url'),
      "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.",
    ],
    [
      'an object with neither kid nor jwk',
      Buffer.from('{"kty":"RSA","e":"AQAB"}').toString('base64url'),
      "The PopPublicKey must encode a JSON object with a 'kid', a 'jwk' or both.",
    ],
    [
      'a jwk without kty',
      Buffer.from('{"jwk":{"e":"AQAB"}}').toString('base64url'),
      "The PopPublicKey's 'jwk' has no 'kty'.",
    ],
  ])(
    'should answer a PopPublicKey that is %s with a 400 saying so, before any token request',
    async (_, key, detail) => {
      // Act
      const { status, body, headers } = await appHeader(withKey(key));

      // Assert
      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(body.detail).toBe(detail);
      expect(emulator.requests.count({ kind: 'token' })).toBe(0);
    },
  );

  it('should refuse a private JWK with a 400, never sending it anywhere nor writing it to the logs', async () => {
    // Arrange
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' });
    const key = Buffer.from(JSON.stringify({ jwk })).toString('base64url');

    // Act
    const { status, body } = await appHeader(withKey(key));

    // Assert
    expect(status).toBe(400);
    expect(String(body.detail)).toMatch(
      /^The PopPublicKey's 'jwk' carries private key material \('d', 'p', 'q'/,
    );
    expect(JSON.stringify(body)).not.toContain(String(jwk.d));
    expect(emulator.requests.count({ kind: 'token' })).toBe(0);
    expect(sidecar.logs.text()).not.toContain(String(jwk.d));
  });

  it("should answer Entra's refusal with a 401 carrying Entra's text", async () => {
    // Arrange
    emulator.faults.inject({
      grantType: 'client_credentials',
      kind: 'aadsts',
      code: 7000215,
      error: 'invalid_client',
      status: 401,
      times: 1,
    });

    // Act
    const { status, body } = await appHeader(withKey((await callerKey('ec', 'kid')).popPublicKey));

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toMatch(/^AADSTS7000215: /);
    expect(tokenRequests()[0]?.form?.token_type).toBe('pop');
  });

  it("should answer an unknown tenant override with a 401 and Entra's AADSTS90002 text", async () => {
    // Act
    const { status, body } = await appHeader(
      withKey(rsaKid.popPublicKey, '&optionsOverride.AcquireTokenOptions.Tenant=no-such-tenant'),
    );

    // Assert
    expect(status).toBe(401);
    expect(String(body.detail)).toMatch(/^AADSTS90002:/);
  });

  it.each([
    ['is down', { kind: 'outage' as const }],
    ['answers garbage', { kind: 'garbage' as const }],
  ])('should answer a 500 without the cause when the authority %s, and log the cause', async (_, fault) => {
    // Arrange
    emulator.faults.inject({ grantType: 'client_credentials', times: 5, ...fault });

    // Act
    const { status, body } = await appHeader(withKey((await callerKey('ec', 'kid')).popPublicKey));

    // Assert
    expect(status).toBe(500);
    expect(body.detail).toBe(UNEXPECTED);
    expect(tokenRequests()[0]?.form?.token_type).toBe('pop');
    expect(sidecar.logs.text()).toContain('AuthorizationHeaderAsyncError_CreateAuthorizationHeaderAsync');
  });

  it('should call the downstream API with Authorization: pop … from /DownstreamApi', async () => {
    // Arrange
    const bearer = { authorization: `Bearer ${await userToken(emulator)}` };
    downstream.received.length = 0;

    // Act
    const response = await fetch(
      `${sidecar.url}/DownstreamApi/PopDownstream?${withKey(ecJwk.popPublicKey)}`,
      {
        method: 'POST',
        headers: bearer,
      },
    );

    // Assert
    expect(response.status).toBe(200);
    expect(downstream.received).toHaveLength(1);
    const [authorization] = downstream.header(0, 'authorization');
    expect(authorization).toMatch(/^pop eyJ/);
    expect(decodePayload(authorization).cnf).toEqual(ecJwk.cnf);
  });

  it('should answer a configured PopPublicKey from the cached-answer fast path, as the full pipeline did', async () => {
    // Arrange
    const path = `${sidecar.url}/AuthorizationHeaderUnauthenticated/PopConfigured`;
    const full = await (await fetch(path)).text();
    const before = await servedFromCache();
    emulator.requests.reset();

    // Act
    const cached = await (await fetch(path)).text();

    // Assert
    expect(await servedFromCache()).toBe(before + 1);
    expect(cached).toBe(full);
    const header = String((JSON.parse(cached) as Record<string, unknown>).authorizationHeader);
    expect(header).toMatch(/^pop eyJ/);
    expect(decodePayload(header).cnf).toEqual(configured.cnf);
    expect(emulator.requests.count({ kind: 'token' })).toBe(0);
  });

  it('should refuse to start with a malformed configured PopPublicKey, naming the key', async () => {
    // Act
    const starting = startSidecar({
      env: emulatorEnv(emulator, {
        DownstreamApis__BadPop__RequestAppToken: 'true',
        DownstreamApis__BadPop__Scopes__0: `${DEMO.downstream.uri}/.default`,
        DownstreamApis__BadPop__AcquireTokenOptions__PopPublicKey: 'not-json',
      }),
    });

    // Assert
    await expect(starting).rejects.toThrow(
      'DownstreamApis:BadPop:AcquireTokenOptions:PopPublicKey: The PopPublicKey does not decode to JSON.',
    );
  });

  /** Requests the AuthorizationHeaderUnauthenticated route answered before its pipeline. */
  async function servedFromCache(): Promise<number> {
    const series = 'sidecar_http_cached_answers_total{route="/AuthorizationHeaderUnauthenticated/:apiName"}';
    const text = await (await fetch(`${sidecar.url}/metrics`)).text();
    const line = text.split('\n').find((row) => row.startsWith(`${series} `));
    return Number(line?.split(' ')[1] ?? 0);
  }

  // Each credential the sidecar can sign in with also authenticates the direct PoP token request.
  describe('with each client credential', () => {
    const certificateApp = randomUUID();
    const workloadApp = randomUUID();
    let dir: string;
    let certificate: ReturnType<typeof createTestCertificate>;

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'pop-credentials-'));
      certificate = createTestCertificate('pop-sidecar-client');
      const permissions = [{ resource: 'demo-downstream-api', roles: ['Weather.Read.All'] }];
      emulator.registerApplication({
        name: 'pop-certificate-client',
        clientId: certificateApp,
        tenant: 'demo',
        certificates: [{ pem: certificate.certPem }],
        permissions,
      });
      emulator.registerApplication({
        name: 'pop-workload-client',
        clientId: workloadApp,
        tenant: 'demo',
        federatedCredentials: [{ issuer: 'emulator', subject: WORKLOAD_SUBJECT }],
        permissions,
      });
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** A sidecar signed in with `env`'s credential asks for a pop token bound to `key`. */
    async function popTokenWith(env: Record<string, string>, key: CallerKey) {
      const signedIn = await startSidecar({ env: emulatorEnv(emulator, env) });
      try {
        const answer = await getJson(
          `${signedIn.url}/AuthorizationHeaderUnauthenticated/App?${withKey(key.popPublicKey)}`,
        );
        return { ...answer, logs: signedIn.logs.text() };
      } finally {
        await signedIn.close();
      }
    }
    const sentBy = (clientId: string) =>
      emulator.requests.lastTokenRequest({ grantType: 'client_credentials', clientId })?.form ?? {};

    it('should sign in with a certificate: a PS256 assertion naming it by x5t#S256, with x5c under SendX5C', async () => {
      // Arrange
      const path = join(dir, 'client.pfx');
      writeFileSync(path, certificate.pfx);

      // Act
      const { status, body, logs } = await popTokenWith(
        {
          AzureAd__ClientId: certificateApp,
          AzureAd__SendX5C: 'true',
          AzureAd__ClientCredentials__0__SourceType: 'Path',
          AzureAd__ClientCredentials__0__CertificateDiskPath: path,
          AzureAd__ClientCredentials__0__CertificatePassword: certificate.password,
          Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        },
        rsaBoth,
      );

      // Assert
      expect(status).toBe(200);
      const header = String(body.authorizationHeader);
      expect(header).toMatch(/^pop /);
      expect(decodePayload(header)).toMatchObject({ azp: certificateApp, cnf: rsaBoth.cnf });
      const form = sentBy(certificateApp);
      expect(form).toMatchObject({
        token_type: 'pop',
        req_cnf: rsaBoth.popPublicKey,
        client_assertion_type: JWT_BEARER,
      });
      expect(form.client_secret).toBeUndefined();
      const assertionHeader = decodeProtectedHeader(form.client_assertion);
      expect(assertionHeader).toMatchObject({ alg: 'PS256', 'x5t#S256': certificate.thumbprintSha256 });
      expect(assertionHeader.x5c).toHaveLength(1);
      expect(decodePayload(form.client_assertion).aud).toBe(emulator.tokenEndpoint(DEMO.tenantId));
      expect(logs).not.toContain(form.client_assertion.split('.')[2]);
      expect(logs).not.toContain(header.split('.')[2]);
    });

    it('should sign in with a federated token file (SignedAssertionFilePath), sending the file as it is', async () => {
      // Arrange
      const path = join(dir, 'federated-token');
      const assertion = await emulator.mintAccessToken({
        audience: 'api://AzureADTokenExchange',
        claims: { sub: WORKLOAD_SUBJECT },
      });
      writeFileSync(path, assertion);

      // Act
      const { status, body, logs } = await popTokenWith(
        {
          AzureAd__ClientId: workloadApp,
          AzureAd__ClientCredentials__0__SourceType: 'SignedAssertionFilePath',
          AzureAd__ClientCredentials__0__SignedAssertionFileDiskPath: path,
          Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        },
        ecJwk,
      );

      // Assert
      expect(status).toBe(200);
      expect(decodePayload(String(body.authorizationHeader))).toMatchObject({
        azp: workloadApp,
        cnf: ecJwk.cnf,
      });
      expect(sentBy(workloadApp)).toMatchObject({
        token_type: 'pop',
        req_cnf: ecJwk.popPublicKey,
        client_assertion_type: JWT_BEARER,
        client_assertion: assertion,
      });
      expect(logs).not.toContain(assertion.split('.')[2]);
    });

    it("should answer a wrong client secret with a 401 carrying Entra's AADSTS7000215 text, never logging the secret", async () => {
      // Act
      const { status, body, logs } = await popTokenWith(
        {
          AzureAd__ClientCredentials__0__ClientSecret: 'wrong-pop-secret',
          Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        },
        rsaKid,
      );

      // Assert
      expect(status).toBe(401);
      expect(String(body.detail)).toMatch(/^AADSTS7000215: /);
      expect(sentBy(DEMO.sidecar.clientId)).toMatchObject({
        client_secret: 'wrong-pop-secret',
        token_type: 'pop',
      });
      expect(logs).not.toContain('wrong-pop-secret');
    });

    it("should answer a certificate Entra does not know with a 401 carrying Entra's AADSTS700027 text", async () => {
      // Arrange
      const stranger = createTestCertificate('unknown-pop-client');

      // Act
      const { status, body } = await popTokenWith(
        {
          AzureAd__ClientId: certificateApp,
          AzureAd__ClientCredentials__0__SourceType: 'Base64Encoded',
          AzureAd__ClientCredentials__0__Base64EncodedValue: stranger.pfx.toString('base64'),
          AzureAd__ClientCredentials__0__CertificatePassword: stranger.password,
          Sidecar__AllowOverrides__GetAuthorizationHeaderUnauthenticated: 'true',
        },
        rsaKid,
      );

      // Assert
      expect(status).toBe(401);
      expect(String(body.detail)).toMatch(/^AADSTS700027/);
    });
  });
});
