import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTokenFixture, type TokenFixture, userToken } from './support/token-fixtures';

/** One sample of the Prometheus text, or undefined. */
const sample = (text: string, name: string, cache: string): number | undefined => {
  const line = new RegExp(`^${name}\\{cache="${cache}"\\} (\\S+)$`, 'm').exec(text);
  return line === null ? undefined : Number(line[1]);
};

describe('cache sizes on /metrics and readiness', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture();
  });
  afterAll(() => fixture.close());

  it("should report each cache's entries and the bytes its memory budget counts", async () => {
    // Arrange: two users, each calling twice (a verified token is kept from its second validation)
    const users = await Promise.all([1, 2].map(() => userToken(fixture.emulator)));
    const headers: string[] = [];
    for (const user of [...users, ...users]) {
      const { status, body } = await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User`, {
        authorization: `Bearer ${user}`,
      });
      expect(status).toBe(200);
      headers.push(body.authorizationHeader as string);
    }

    // Act
    const metrics = await (await fetch(`${fixture.sidecar.url}/metrics`)).text();
    const ready = (await getJson(`${fixture.sidecar.url}/healthz/ready`)).body as {
      details: Record<string, { entries?: number; bytes?: number }>;
    };

    // Assert: a token entry counts 512 bytes plus its token type and token; a verified token 256 plus twice itself
    const tokenBytes = headers.slice(0, 2).reduce((sum, header) => sum + 512 + header.length - 1, 0);
    const verifiedBytes = users.reduce((sum, user) => sum + 256 + 2 * user.length, 0);
    expect(sample(metrics, 'sidecar_cache_entries', 'token')).toBe(2);
    expect(sample(metrics, 'sidecar_cache_bytes', 'token')).toBe(tokenBytes);
    expect(sample(metrics, 'sidecar_cache_entries', 'verified_token')).toBe(2);
    expect(sample(metrics, 'sidecar_cache_bytes', 'verified_token')).toBe(verifiedBytes);
    expect(ready.details['token-cache']).toMatchObject({ entries: 2, bytes: tokenBytes });
    expect(ready.details['verified-token-cache']).toEqual({ status: 'up', entries: 2, bytes: verifiedBytes });
  });
});
