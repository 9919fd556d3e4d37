import { describe, expect, it } from 'vitest';
import { PopTokenAcquirer } from './pop-token-acquirer';
import { TokenAcquirers } from './token-acquirers';
import { type AcquiredToken, TokenAcquirer } from './token-request';

const TOKEN: AcquiredToken = { accessToken: 'a', tokenType: 'Bearer', expiresOn: new Date() };

class FakeClientCredentials extends TokenAcquirer {
  readonly flow = 'client_credentials';
  acquire = () => Promise.resolve(TOKEN);
}

class FakePop extends PopTokenAcquirer {
  acquire = () => Promise.resolve({ ...TOKEN, tokenType: 'pop' });
}

describe('TokenAcquirers', () => {
  it('should serve the PoP flow with the acquirer the signed-request lib provides', () => {
    // Arrange
    const pop = new FakePop();

    // Act
    const acquirers = new TokenAcquirers([new FakeClientCredentials()], pop);

    // Assert
    expect(acquirers.forFlow('client_credentials_pop')).toBe(pop);
    expect(acquirers.forFlow('client_credentials')).toBeInstanceOf(FakeClientCredentials);
  });

  it('should report a missing PoP acquirer as a wiring fault, not a caller error', () => {
    // Act
    const acquirers = new TokenAcquirers([new FakeClientCredentials()]);

    // Assert
    expect(() => acquirers.forFlow('client_credentials_pop')).toThrow(
      'No acquirer for the client_credentials_pop flow.',
    );
  });
});
