import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSidecar } from '../support/built-sidecar';
import type { RunningSidecar } from '../support/sidecar';
import { MINIMAL_ENV } from '../support/sidecar';
import { decodeParts } from '../validation/token-forgery';
import {
  bearer,
  callValidate,
  type EntraEmulator,
  PARTNER_TENANT,
  startEmulator,
  startValidatingSidecar,
} from '../validation/validation-fixture';
import {
  expectPopRefusal,
  ORIGINAL,
  popHeaders,
  popKey,
  type PopKey,
  popToken,
  shrClaims,
  signShr,
} from './signed-request-fixture';

const b64json = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('base64url');

// Spec G.7 end to end: real key pairs, real pop tokens from the emulator over HTTPS, a sidecar configured
// against it. Every refusal is a 401 with the PoP challenge and a problem+json detail, never a 5xx.
describe('GET /Validate with Authorization: PoP <signed HTTP request>', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let key: PopKey;
  let at: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    // AzureAd:Scopes is set: a Bearer app token gets the reference's 403, a PoP one must not (spec G.7).
    sidecar = await startValidatingSidecar(emulator, { AzureAd__Scopes: 'access_as_user' });
    key = await popKey();
    at = await popToken(emulator, { jwk: key.jwk });
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  const shr = (extra: Record<string, unknown> = {}, signer: PopKey = key) =>
    signShr(shrClaims(at, ORIGINAL, extra), signer);
  /** A pop token bound to `key` minted with chosen claims (an app token unless `options` says otherwise). */
  const mintBound = (options: Parameters<EntraEmulator['mintAccessToken']>[0] = {}) =>
    emulator.mintAccessToken({ ...options, claims: { cnf: { jwk: key.jwk }, ...options.claims } });
  const refused = (headers: Record<string, string>, detail: RegExp) =>
    expectPopRefusal(sidecar.url, headers, detail);

  // --- accepted ---
  it('should answer protocol PoP, the embedded token and its claims for a token confirming cnf.jwk', async () => {
    // Act
    const response = await callValidate(sidecar.url, popHeaders(await shr()));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ protocol: 'PoP', token: at, claims: decodeParts(at).payload });
    expect(decodeParts(at).payload.cnf).toEqual({ jwk: key.jwk });
  });

  it('should accept a token confirming cnf.kid when the SHR carries the key with that thumbprint', async () => {
    // Arrange
    const ecKey = await popKey('ec');
    const byKid = await popToken(emulator, { kid: ecKey.thumbprint });
    const signed = await signShr(shrClaims(byKid, ORIGINAL, { cnf: { jwk: ecKey.jwk } }), ecKey);

    // Act
    const response = await callValidate(sidecar.url, popHeaders(signed));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ protocol: 'PoP', token: byKid, claims: decodeParts(byKid).payload });
  });

  it('should not apply AzureAd:Scopes to PoP, while the same app token as Bearer gets the 403', async () => {
    // Act
    const asBearer = await callValidate(sidecar.url, bearer(at));
    const asPop = await callValidate(sidecar.url, popHeaders(await shr()));

    // Assert
    expect(asBearer.status).toBe(403);
    expect(asBearer.text).toContain('IDW10203');
    expect(asPop.status).toBe(200);
  });

  it('should validate a PoP request in full every time: never an answer from the caches', async () => {
    // Arrange: the embedded token is in the verified-token cache after two validations
    await callValidate(sidecar.url, popHeaders(await shr()));
    await callValidate(sidecar.url, popHeaders(await shr()));

    // Act: a stale SHR around that cached token
    const stale = await shr({ ts: Math.floor(Date.now() / 1000) - 3600 });

    // Assert
    await refused(popHeaders(stale), /'ts' is older/);
  });

  // --- the request binding: m, u, p ---
  it('should refuse an SHR signed over another method', async () => {
    await refused(popHeaders(await shr({ m: 'GET' })), /'m' does not match/);
  });

  it('should refuse an SHR whose m differs from original-method only in casing', async () => {
    await refused(popHeaders(await shr({ m: 'post' })), /'m' does not match/);
  });

  it('should refuse an SHR signed over another path', async () => {
    await refused(popHeaders(await shr({ p: '/orders/43' })), /'p' does not match/);
  });

  it('should refuse an SHR signed over another host', async () => {
    await refused(popHeaders(await shr({ u: 'api.fabrikam.com' })), /'u' does not match/);
  });

  // --- ts ---
  it('should refuse a stale SHR (older than the lifetime plus the clock skew)', async () => {
    await refused(popHeaders(await shr({ ts: Math.floor(Date.now() / 1000) - 601 })), /'ts' is older/);
  });

  it('should refuse an SHR from the future (beyond the clock skew)', async () => {
    await refused(
      popHeaders(await shr({ ts: Math.floor(Date.now() / 1000) + 900 })),
      /'ts' is in the future/,
    );
  });

  // --- the signature and the key ---
  it('should refuse an SHR whose payload was changed after signing', async () => {
    const [header, , signature] = (await shr()).split('.');
    const tampered = `${header}.${b64json(shrClaims(at, ORIGINAL, { m: 'DELETE' }))}.${signature}`;
    await refused(popHeaders(tampered), /signature of the signed HTTP request is invalid/);
  });

  it('should refuse an SHR signed by another key than the token confirms', async () => {
    await refused(
      popHeaders(await shr({}, await popKey())),
      /signature of the signed HTTP request is invalid/,
    );
  });

  it("should refuse a cnf.kid token when the SHR's key has another thumbprint", async () => {
    // Arrange: the token confirms one key; the SHR brings, and is signed by, another
    const confirmed = await popKey();
    const other = await popKey();
    const byKid = await popToken(emulator, { kid: confirmed.thumbprint });
    const signed = await signShr(shrClaims(byKid, ORIGINAL, { cnf: { jwk: other.jwk } }), other);

    // Act / Assert
    await refused(popHeaders(signed), /thumbprint .* does not match/);
  });

  it('should refuse an SHR with alg none or HS256', async () => {
    const claims = b64json(shrClaims(at));
    await refused(
      popHeaders(`${b64json({ alg: 'none', typ: 'pop' })}.${claims}.`),
      /not a signed HTTP request/,
    );
    await refused(
      popHeaders(`${b64json({ alg: 'HS256', typ: 'pop' })}.${claims}.c2ln`),
      /RS\*, PS\* or ES\*/,
    );
  });

  it('should refuse a JWT that is not typed pop', async () => {
    await refused(popHeaders(await signShr(shrClaims(at), key, { typ: 'JWT' })), /typ 'pop'/);
  });

  // --- the embedded access token: app-only, and every Bearer rule ---
  it('should refuse an embedded delegated token (scp)', async () => {
    const delegated = await mintBound({ user: 'demo-user', scopes: ['access_as_user'] });
    await refused(popHeaders(await signShr(shrClaims(delegated), key)), /delegated/);
  });

  it("should refuse an embedded token with idtyp 'user'", async () => {
    const user = await mintBound({ claims: { idtyp: 'user' } });
    await refused(popHeaders(await signShr(shrClaims(user), key)), /not an app token/);
  });

  it('should refuse an expired embedded token', async () => {
    const expired = await mintBound({ issuedAt: Math.floor(Date.now() / 1000) - 7200, expiresIn: 3600 });
    await refused(
      popHeaders(await signShr(shrClaims(expired), key)),
      /access token .* invalid: The token expired/,
    );
  });

  it('should refuse an embedded token from another issuer', async () => {
    const foreign = await mintBound({ tenant: PARTNER_TENANT });
    await refused(popHeaders(await signShr(shrClaims(foreign), key)), /access token .* invalid: The issuer/);
  });

  it('should refuse an embedded token for another audience', async () => {
    const misaddressed = await mintBound({ audience: 'api://someone-else' });
    await refused(
      popHeaders(await signShr(shrClaims(misaddressed), key)),
      /access token .* invalid: The audience/,
    );
  });

  it('should refuse an embedded token that confirms no key', async () => {
    const unbound = await emulator.mintAccessToken({});
    await refused(popHeaders(await signShr(shrClaims(unbound), key)), /no 'cnf' claim/);
  });

  it('should refuse an SHR without at', async () => {
    const { at: _at, ...withoutAt } = shrClaims(at);
    await refused(popHeaders(await signShr(withoutAt, key)), /no 'at' claim/);
  });

  // --- the original request headers ---
  it('should refuse a PoP request without original-method', async () => {
    const { 'original-method': _method, ...headers } = popHeaders(await shr());
    await refused(headers, /original-method header is required/);
  });

  it('should refuse a PoP request without original-uri', async () => {
    const { 'original-uri': _uri, ...headers } = popHeaders(await shr());
    await refused(headers, /original-uri header is required/);
  });

  it('should refuse a relative original-uri', async () => {
    await refused({ ...popHeaders(await shr()), 'original-uri': '/orders/42' }, /must be an absolute/);
  });

  // --- garbage: always a 401, never a 5xx ---
  it.each([
    ['nothing after PoP', 'PoP'],
    ['junk after PoP', 'PoP this-is-not-a-jws'],
    ['three parts of junk', 'PoP aGVsbG8.d29ybGQ.Zm9v'],
    ['a header that is not JSON', `PoP ${Buffer.from('{not json').toString('base64url')}.e30.c2ln`],
    [
      'a payload that is a JSON array',
      `PoP ${b64json({ alg: 'RS256', typ: 'pop' })}.${b64json([1, 2])}.c2ln`,
    ],
    ['20 KB of junk', `PoP ${'A'.repeat(10_000)}.${'B'.repeat(10_000)}.C`],
  ])('should refuse %s with the PoP 401', async (_name, authorization) => {
    await refused({ ...popHeaders('x'), authorization }, /./);
  });

  it.each([
    ['ts as a string', { ts: String(Math.floor(Date.now() / 1000)) }, /'ts'/],
    ['m as a number', { m: 7 }, /'m'/],
    ['u as an object', { u: { host: 'api.contoso.com' } }, /'u'/],
    ['p as null', { p: null }, /'p'/],
    ['at as an array', { at: ['a.b.c'] }, /'at'/],
    ['at that is junk', { at: 'junk' }, /access token .* invalid/],
  ])('should refuse claims of the wrong type: %s', async (_name, extra, detail) => {
    await refused(popHeaders(await shr(extra)), detail);
  });

  it('should log why a signed request was refused, never the SHR or the token', async () => {
    // Arrange
    const signed = await shr({ m: 'GET' });

    // Act
    await callValidate(sidecar.url, popHeaders(signed));

    // Assert
    const record = sidecar.logs
      .records()
      .find((line) => line.event === 'SignedRequestRejected' && line.reason === 'M_MISMATCH');
    expect(record?.level).toBe('info');
    expect(record?.correlationId).toEqual(expect.any(String));
    expect(sidecar.logs.text()).not.toContain(signed.split('.')[2]);
    expect(sidecar.logs.text()).not.toContain(at.split('.')[2]);
  });

  // --- other routes stay Bearer-only ---
  it('should treat a PoP header on /AuthorizationHeader as no Bearer credentials', async () => {
    const response = await callValidate(sidecar.url, popHeaders(await shr()), '/AuthorizationHeader/Api');
    expect(response.status).toBe(401);
    expect(response.challenge).toBe('Bearer');
  });
});

describe('GET /Validate with PoP and Sidecar:PopValidation:ValidateQ on', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let key: PopKey;
  let at: string;
  const original = { method: 'GET', uri: 'https://api.contoso.com/orders?status=open&note=a%20b&page=2' };

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator, { Sidecar__PopValidation__ValidateQ: 'true' });
    key = await popKey();
    at = await popToken(emulator, { jwk: key.jwk });
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  const withQ = (q: unknown) => signShr(shrClaims(at, original, { q }), key);

  it('should accept a q covering the query as percent-encoded in original-uri, unlisted parameters allowed', async () => {
    // Arrange: names in q order, name=value joined by &, values as they appear in the URI
    const q = [['note', 'status'], sha256('note=a%20b&status=open')];

    // Act
    const response = await callValidate(sidecar.url, popHeaders(await withQ(q), original));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ protocol: 'PoP', token: at });
  });

  it('should refuse a q whose hash covers other values than the query has', async () => {
    const q = [['note', 'status'], sha256('note=a%20b&status=closed')];
    await expectPopRefusal(sidecar.url, popHeaders(await withQ(q), original), /'q' hash does not match/);
  });

  it('should never answer PoP from the cached-answer fast path, which still answers a cached Bearer token', async () => {
    // Arrange: the token is in the verified-token cache after two validations
    const q = [[], sha256('')];
    const plain = { method: 'GET', uri: 'https://api.contoso.com/orders' };
    for (let i = 0; i < 2; i++) await callValidate(sidecar.url, bearer(at));
    const before = await servedFromCache();

    // Act
    const pop = [];
    for (let i = 0; i < 3; i++) {
      const signed = await signShr(shrClaims(at, plain, { q }), key);
      pop.push((await callValidate(sidecar.url, popHeaders(signed, plain))).status);
    }
    const afterPop = await servedFromCache();
    const asBearer = await callValidate(sidecar.url, bearer(at));

    // Assert
    expect(pop).toEqual([200, 200, 200]);
    expect(afterPop).toBe(before);
    expect(asBearer.status).toBe(200);
    expect(await servedFromCache()).toBe(before + 1);
  });

  /** `sidecar_http_cached_answers_total` of /Validate, 0 while absent. */
  async function servedFromCache(): Promise<number> {
    const text = await (await fetch(`${sidecar.url}/metrics`)).text();
    const series = 'sidecar_http_cached_answers_total{route="/Validate"} ';
    const line = text.split('\n').find((row) => row.startsWith(series));
    return Number(line?.slice(series.length) ?? 0);
  }

  it('should refuse an SHR without q', async () => {
    const signed = await signShr(shrClaims(at, original), key);
    await expectPopRefusal(sidecar.url, popHeaders(signed, original), /no 'q' claim/);
  });
});

describe('Sidecar:PopValidation at start-up (the built sidecar)', () => {
  it('should refuse SignedHttpRequestLifetime 00:00:00, naming the key', async () => {
    // Act
    const sidecar = spawnSidecar({
      ...MINIMAL_ENV,
      ASPNETCORE_URLS: 'http://127.0.0.1:0',
      Sidecar__PopValidation__SignedHttpRequestLifetime: '00:00:00',
    });
    const { code } = await sidecar.exited;

    // Assert
    expect(code).not.toBe(0);
    expect(sidecar.output()).toContain('Sidecar:PopValidation:SignedHttpRequestLifetime');
    expect(sidecar.output()).toContain('must be a positive TimeSpan');
  });
});
