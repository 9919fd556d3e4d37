import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

const NO_CACHE = { 'cache-control': 'no-cache, no-store, must-revalidate', pragma: 'no-cache', expires: '0' };

describe('HTTP behaviour common to all routes', () => {
  let sidecar: RunningSidecar;

  beforeAll(async () => {
    sidecar = await startSidecar({ env: { Kestrel__Limits__MaxRequestBodySize: '1024' } });
  });
  afterAll(() => sidecar.close());

  it('should send the no-cache headers on every 2xx', async () => {
    for (const path of ['/healthz', '/healthz/live', '/metrics']) {
      const response = await fetch(`${sidecar.url}${path}`);
      expect(response.status, path).toBe(200);
      for (const [name, value] of Object.entries(NO_CACHE))
        expect(response.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it('should not send the no-cache headers on errors', async () => {
    const response = await fetch(`${sidecar.url}/no-such-endpoint`);
    expect(response.status).toBe(404);
    expect(response.headers.get('pragma')).toBeNull();
    expect(response.headers.get('expires')).toBeNull();
  });

  it('should answer an unknown path with a 404 problem+json', async () => {
    const response = await fetch(`${sidecar.url}/non-existent-endpoint`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(body).toEqual({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5',
      title: 'Not Found',
      status: 404,
      detail: 'No endpoint serves /non-existent-endpoint.',
      correlationId: response.headers.get('x-correlation-id'),
    });
  });

  it('should answer a known path with a wrong method with 405 and an Allow header', async () => {
    const response = await fetch(`${sidecar.url}/healthz/live`, { method: 'DELETE' });
    const body = (await response.json()) as Record<string, unknown>;
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(body).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  it('should give every response a correlation id and echo a well-formed inbound one', async () => {
    const fresh = await fetch(`${sidecar.url}/healthz`);
    const echoed = await fetch(`${sidecar.url}/healthz`, { headers: { 'x-correlation-id': 'trace-42.a' } });
    const forged = await fetch(`${sidecar.url}/healthz`, { headers: { 'x-correlation-id': 'x'.repeat(65) } });
    expect(fresh.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(echoed.headers.get('x-correlation-id')).toBe('trace-42.a');
    expect(forged.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should refuse a body over Kestrel:Limits:MaxRequestBodySize with a 413 problem', async () => {
    const small = await fetch(`${sidecar.url}/healthz`, { method: 'POST', body: 'x'.repeat(1000) });
    const large = await fetch(`${sidecar.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: new Uint8Array(4096),
    });
    expect(small.status).toBe(200);
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await large.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
  });

  it('should accept a body of any media type without trying to parse it', async () => {
    const response = await fetch(`${sidecar.url}/healthz`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ not json',
    });
    expect(response.status).toBe(200);
  });

  it('should refuse request headers over 32 KB with 431, like the reference server', async () => {
    const response = await fetch(`${sidecar.url}/healthz`, {
      headers: { 'x-padding': 'p'.repeat(33 * 1024) },
    });
    const fine = await fetch(`${sidecar.url}/healthz`, { headers: { 'x-padding': 'p'.repeat(24 * 1024) } });
    expect(response.status).toBe(431);
    expect(fine.status).toBe(200);
  });
});
