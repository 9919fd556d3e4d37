import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startTokenFixture, type TokenFixture } from './support/token-fixtures';

describe('token endpoint timeout (Sidecar:TokenAcquisition:Timeout)', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture({ Sidecar__TokenAcquisition__Timeout: '0.5' });
  });
  afterAll(() => fixture.close());

  it('should answer 500 after the timeout instead of hanging on a slow token endpoint, then recover', async () => {
    // Arrange
    fixture.emulator.faults.inject({ grantType: 'client_credentials', kind: 'latency', ms: 5_000, times: 3 });
    const started = Date.now();

    // Act
    const slow = await getJson(`${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App`);
    const elapsed = Date.now() - started;
    fixture.emulator.faults.clear();
    const recovered = await getJson(`${fixture.sidecar.url}/AuthorizationHeaderUnauthenticated/App`);

    // Assert
    expect(slow.status).toBe(500);
    expect(slow.body.detail).toBe('An unexpected error occurred.');
    expect(elapsed).toBeLessThan(4_000);
    expect(recovered.status).toBe(200);
  });
});
