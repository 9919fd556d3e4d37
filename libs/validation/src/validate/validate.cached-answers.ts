import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ValidatedToken } from '../validated-token';
import { ValidateAnswers } from './validate-answers';

/**
 * `GET /Validate` for a token the route's guard admitted from the verified-token cache: the answer the handler
 * would give. A missing scope (the plain-text 403) goes through the route's full pipeline.
 */
@Injectable()
export class ValidateCachedAnswers {
  constructor(private readonly answers: ValidateAnswers) {}

  // `null` (an anonymous admission) only if the route's guard ever changed: the handler then answers it.
  validate(_request: FastifyRequest, token: ValidatedToken | null): string | undefined {
    if (token === null) return undefined;
    const answer = this.answers.answerFor(token);
    return answer.status === 200 ? answer.body : undefined;
  }
}
