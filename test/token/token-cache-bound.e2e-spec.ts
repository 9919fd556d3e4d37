import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  getJson,
  oboRequests,
  startTokenFixture,
  type TokenFixture,
  userToken,
} from './support/token-fixtures';

describe('Sidecar:TokenCache:MaxEntries', () => {
  let fixture: TokenFixture;

  beforeAll(async () => {
    fixture = await startTokenFixture({ Sidecar__TokenCache__MaxEntries: '2' });
  });
  afterAll(() => fixture.close());
  beforeEach(() => fixture.emulator.requests.reset());

  const call = async (token: string) => {
    const { status } = await getJson(`${fixture.sidecar.url}/AuthorizationHeader/User`, {
      authorization: `Bearer ${token}`,
    });
    expect(status).toBe(200);
  };
  const oboCount = () => oboRequests(fixture);

  // Each user calls three times first: the sidecar keeps a validated token after its second validation, and
  // from then on a hit comes back to its cache entry without looking the key up, the path under test here.
  it('should keep the users called last and ask Entra again for the one evicted', async () => {
    // Arrange: a and b cached, then a called again, so b is the least recently used
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => userToken(fixture.emulator)));
    for (const user of [a, a, a, b, b, b, a]) await call(user);
    const afterWarmUp = oboCount();

    // Act
    await call(c); // evicts b
    const afterC = oboCount();
    await call(a);
    const afterA = oboCount();
    await call(b);

    // Assert
    expect(afterWarmUp).toBe(2);
    expect(afterC).toBe(3);
    expect(afterA).toBe(3);
    expect(oboCount()).toBe(4);
  });
});
