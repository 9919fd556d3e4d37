import type { CachedAnswerRoute, CachedAnswerSource } from '@app/http';
import { Injectable } from '@nestjs/common';
import { InboundTokenValidator } from '../inbound-token.validator';
import { ValidateAnswers } from './validate-answers';

/**
 * `GET /Validate` for a token the verified-token cache holds: the same answer the guard and the handler
 * would give. Anything else (no or a new token, a missing scope) goes through the route's full pipeline.
 */
@Injectable()
export class ValidateCachedAnswers implements CachedAnswerSource {
  readonly cachedAnswerRoutes: readonly CachedAnswerRoute[] = [
    {
      method: 'GET',
      url: '/Validate',
      lookup: (request) => {
        const token = this.validator.cachedToken(request.raw);
        if (token === undefined) return undefined;
        const answer = this.answers.answerFor(token);
        if (answer.status !== 200) return undefined;
        this.validator.countCachedUse();
        return answer.body;
      },
    },
  ];

  constructor(
    private readonly validator: InboundTokenValidator,
    private readonly answers: ValidateAnswers,
  ) {}
}
