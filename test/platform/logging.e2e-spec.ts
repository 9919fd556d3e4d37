import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

const TOKEN =
  'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsb2ctcmVkYWN0aW9uIn0.c2lnbmF0dXJlLXNob3VsZC1uZXZlci1iZS1sb2dnZWQ';
const SECRET = 'client-secret-that-must-never-be-logged';
const COOKIE = 'session=cookie-value-that-must-never-be-logged';

describe('structured logs', () => {
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    sidecar = await startSidecar({
      env: {
        Logging__LogLevel__Default: 'Information',
        'Logging__LogLevel__Microsoft.AspNetCore': 'Information',
        AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
        AzureAd__ClientCredentials__0__ClientSecret: SECRET,
      },
    });
    const headers = { authorization: `Bearer ${TOKEN}`, cookie: COOKIE };
    await fetch(`${sidecar.url}/healthz?access_token=${TOKEN}`, { headers });
    await fetch(`${sidecar.url}/no-such-endpoint?code=${SECRET}`, { headers });
    await fetch(`${sidecar.url}/healthz/live`, {
      method: 'DELETE',
      headers: { authorization: `PoP ${TOKEN}` },
    });
  });
  afterAll(() => sidecar.close());

  it('should write one JSON record per request with method, route, status and duration', () => {
    const request = sidecar.logs
      .records()
      .find((r) => r.msg === 'request completed' && r.path === '/healthz');
    expect(request).toMatchObject({ level: 'info', method: 'GET', route: '/healthz', statusCode: 200 });
    expect(request?.correlationId).toEqual(expect.any(String));
    expect(request?.durationMs).toEqual(expect.any(Number));
  });

  it('should never log tokens, cookies, secrets or the query string', () => {
    const text = sidecar.logs.text();
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('eyJ');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('cookie-value');
    expect(text).not.toMatch(/Bearer |PoP /);
    expect(text).not.toContain('access_token');
  });
});

describe('log level', () => {
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    sidecar = await startSidecar({ env: { Logging__LogLevel__Default: 'Warning' } });
    await fetch(`${sidecar.url}/healthz`);
  });
  afterAll(() => sidecar.close());

  it('should follow Logging:LogLevel:Default', () => {
    const levels = new Set(sidecar.logs.records().map((r) => r.level));
    expect(levels.has('info')).toBe(false);
  });
});

describe('request lines', () => {
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    sidecar = await startSidecar({ env: { Logging__LogLevel__Default: 'Information' } });
    await fetch(`${sidecar.url}/healthz`);
  });
  afterAll(() => sidecar.close());

  it('should be off by default, like the reference image (Microsoft.AspNetCore at Warning)', () => {
    const records = sidecar.logs.records();
    expect(records.some((r) => r.msg === 'sidecar listening' || r.context === 'NestFactory')).toBe(true);
    expect(records.some((r) => r.msg === 'request completed')).toBe(false);
  });
});
