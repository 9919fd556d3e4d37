import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSidecar, startSidecar } from '../support/sidecar';

describe('/metrics', () => {
  let sidecar: RunningSidecar;
  let text: string;
  let contentType: string | null;

  beforeAll(async () => {
    sidecar = await startSidecar();
    await fetch(`${sidecar.url}/healthz`);
    await fetch(`${sidecar.url}/healthz`);
    await fetch(`${sidecar.url}/unknown/path`);
    await fetch(`${sidecar.url}/Validate`);
    await fetch(`${sidecar.url}/healthz`, { method: 'HEAD' });
    const response = await fetch(`${sidecar.url}/metrics`);
    contentType = response.headers.get('content-type');
    text = await response.text();
  });
  afterAll(() => sidecar.close());

  it('should use the Prometheus text exposition format', () => {
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# TYPE http_requests_total counter');
    expect(text).toContain('# TYPE http_request_duration_seconds histogram');
  });

  it('should count requests by method, route template and status', () => {
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/healthz",status_code="200"\} 2\n/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1\n/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/Validate",status_code="401"\} 1\n/);
    expect(text).toMatch(/http_requests_total\{method="HEAD",route="\/healthz",status_code="200"\} 1\n/);
  });

  it('should expose a latency histogram per route and status', () => {
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",method="GET",route="\/healthz",status_code="200"\}/,
    );
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/healthz",status_code="200"\} 2\n/,
    );
  });

  it('should time each request from its arrival, not from some earlier moment', () => {
    // Two /healthz answers take milliseconds; a duration measured from the wrong moment would add far more.
    const sum =
      /http_request_duration_seconds_sum\{method="GET",route="\/healthz",status_code="200"\} (\S+)\n/.exec(
        text,
      );
    expect(Number(sum?.[1])).toBeGreaterThan(0);
    expect(Number(sum?.[1])).toBeLessThan(1);
  });

  it('should include process metrics', () => {
    expect(text).toContain('process_cpu_user_seconds_total');
  });
});
