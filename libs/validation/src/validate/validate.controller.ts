import { WeakMemo } from '@app/collections';
import { azureAdConfig } from '@app/config';
import { ApiProblemResponses, SidecarError } from '@app/problem-details';
import { Controller, Get, Inject, Res, UseGuards } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@app/openapi';
import type { FastifyReply } from 'fastify';
import { BearerAuthGuard } from '../guards/bearer-auth.guard';
import { InboundToken } from '../guards/inbound-token.decorator';
import type { ValidatedToken } from '../validated-token';
import { ValidateAuthorizationHeaderResult } from './dto/validate-authorization-header-result.dto';
import { missingScopeText } from './scope-requirement';

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** `GET /Validate` (spec C.2): the validated token and its raw claims. Query parameters are ignored. */
@ApiTags('ValidateRequestEndpoints')
@Controller()
export class ValidateController {
  private readonly scopes: readonly string[];

  constructor(@Inject(azureAdConfig.KEY) azureAd: ConfigType<typeof azureAdConfig>) {
    this.scopes = azureAd.scopes;
  }

  @Get('Validate')
  @UseGuards(BearerAuthGuard)
  @ApiOperation({ operationId: 'ValidateAuthorizationHeader' })
  @ApiOkResponse({ type: ValidateAuthorizationHeaderResult, description: 'OK' })
  @ApiProblemResponses(400, 401)
  validate(@InboundToken() token: ValidatedToken | undefined, @Res() reply: FastifyReply): void {
    if (token === undefined) throw new SidecarError('BAD_REQUEST', 'No token found');
    const forbidden = missingScopeText(token.claims, this.scopes);
    if (forbidden !== undefined) {
      // The reference answers this one as plain text, not problem details.
      void reply.status(403).type('text/plain; charset=utf-8').send(forbidden);
      return;
    }
    void reply.status(200).type(JSON_CONTENT_TYPE).send(this.bodyOf.get(token));
  }

  // A cached validation hands back the same frozen ValidatedToken, so its JSON body is built once: the
  // repeated-token path then costs a lookup, not a serialization of every claim.
  private readonly bodyOf = new WeakMemo((token: ValidatedToken): string => {
    const result: ValidateAuthorizationHeaderResult = {
      protocol: token.protocol,
      token: token.token,
      claims: token.claims,
    };
    return JSON.stringify(result);
  });
}
