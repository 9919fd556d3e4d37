import { WeakMemo } from '@app/collections';
import { azureAdConfig } from '@app/config';
import { JSON_CONTENT_TYPE } from '@app/cached-answers';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { keepWithin, type ValidatedToken } from '../validated-token';
import type { ValidateAuthorizationHeaderResult } from './dto/validate-authorization-header-result.dto';
import { missingScopeText } from './scope-requirement';

/** What `GET /Validate` answers for a validated token: its claims, or the reference's plain-text 403. */
export type ValidateAnswer =
  | { readonly status: 200; readonly contentType: typeof JSON_CONTENT_TYPE; readonly body: string }
  | { readonly status: 403; readonly contentType: 'text/plain; charset=utf-8'; readonly body: string };

/** Where the token's text starts in a Bearer token's answer (`protocol` is serialised first). */
const TOKEN_OFFSET = '{"protocol":"Bearer","token":"'.length;

/** Spec C.2: the answer for a validated token, shared by the route's handler and its cached-answer lookup. */
@Injectable()
export class ValidateAnswers {
  private readonly scopes: readonly string[];

  constructor(@Inject(azureAdConfig.KEY) azureAd: ConfigType<typeof azureAdConfig>) {
    this.scopes = azureAd.scopes;
  }

  answerFor(token: ValidatedToken): ValidateAnswer {
    // Spec G.7: `AzureAd:Scopes` is not applied to PoP, whose embedded token is app-only (no `scp`).
    const forbidden = token.protocol === 'PoP' ? undefined : missingScopeText(token.claims, this.scopes);
    // The reference answers a missing scope as plain text, not problem details.
    if (forbidden !== undefined)
      return { status: 403, contentType: 'text/plain; charset=utf-8', body: forbidden };
    return this.okOf.get(token);
  }

  // A cached validation hands back the same frozen ValidatedToken, so its answer is built once: the
  // repeated-token path then costs a lookup, not a serialization of every claim.
  private readonly okOf = new WeakMemo((token: ValidatedToken): ValidateAnswer => {
    const result: ValidateAuthorizationHeaderResult = {
      protocol: token.protocol,
      token: token.token,
      claims: token.claims,
    };
    const body = JSON.stringify(result);
    // The body holds the token verbatim: a cached token then keeps its text there, not a second copy of it.
    keepWithin(token, body, TOKEN_OFFSET);
    return { status: 200, contentType: JSON_CONTENT_TYPE, body };
  });
}
