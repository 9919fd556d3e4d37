import { CachedAnswer } from '@app/cached-answers';
import { ApiProblemResponses, SidecarError } from '@app/problem-details';
import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import {
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  BEARER_SCHEME,
  POP_SCHEME,
} from '@app/openapi';
import type { FastifyReply } from 'fastify';
import { ValidateAuthGuard } from '../guards/validate-auth.guard';
import { InboundToken } from '../guards/inbound-token.decorator';
import type { ValidatedToken } from '../validated-token';
import { ValidateAuthorizationHeaderResult } from './dto/validate-authorization-header-result.dto';
import { ValidateAnswers } from './validate-answers';
import { ValidateCachedAnswers } from './validate.cached-answers';

/**
 * `GET /Validate` (spec C.2, G.7): the validated token and its raw claims, for a Bearer token or a PoP signed
 * request. Query parameters are ignored.
 */
@ApiTags('ValidateRequestEndpoints')
@Controller()
export class ValidateController {
  constructor(private readonly answers: ValidateAnswers) {}

  @Get('Validate')
  @UseGuards(ValidateAuthGuard)
  @CachedAnswer(ValidateCachedAnswers, 'validate')
  @ApiOperation({ operationId: 'ValidateAuthorizationHeader' })
  // Method decorators apply bottom-up: these lists come out in the document in the opposite order.
  @ApiSecurity(POP_SCHEME)
  @ApiSecurity(BEARER_SCHEME)
  @ApiHeader({
    name: 'original-uri',
    required: false,
    description:
      'With Authorization: PoP: the absolute URI of the request the signed HTTP request was made for.',
  })
  @ApiHeader({
    name: 'original-method',
    required: false,
    description: 'With Authorization: PoP: the method of the request the signed HTTP request was made for.',
  })
  @ApiOkResponse({ type: ValidateAuthorizationHeaderResult, description: 'OK' })
  // The plain-text 403 (a missing scope) stays out, as in the reference: declaring it widens the error type of
  // code generated from the reference's document, which then no longer compiles (test/platform/generated-types).
  @ApiProblemResponses(400, 401)
  validate(@InboundToken() token: ValidatedToken | undefined, @Res() reply: FastifyReply): void {
    if (token === undefined) throw new SidecarError('BAD_REQUEST', 'No token found');
    const answer = this.answers.answerFor(token);
    void reply.status(answer.status).type(answer.contentType).send(answer.body);
  }
}
