import type { azureAdConfig } from '@app/config';
import type { ConfigType } from '@nestjs/config';
import { describe, expect, it } from 'vitest';
import type { ValidatedToken } from '../validated-token';
import { ValidateAnswers } from './validate-answers';

const answers = new ValidateAnswers({ scopes: ['access_as_user'] } as unknown as ConfigType<
  typeof azureAdConfig
>);
const tokenOf = (protocol: ValidatedToken['protocol']): ValidatedToken => ({
  protocol,
  token: 'a.b.c',
  assertion: 'a.b.c',
  claims: { roles: ['Sidecar.Call'] },
});

describe('ValidateAnswers with AzureAd:Scopes set', () => {
  it('should answer the reference 403 for a Bearer token without the scope', () => {
    expect(answers.answerFor(tokenOf('Bearer')).status).toBe(403);
  });

  it('should not apply AzureAd:Scopes to a PoP token, and answer its protocol, token and claims', () => {
    // Act
    const answer = answers.answerFor(tokenOf('PoP'));

    // Assert
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      protocol: 'PoP',
      token: 'a.b.c',
      claims: { roles: ['Sidecar.Call'] },
    });
  });
});
