import { OBSERVABILITY_LOGGER } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import { AuthorizationHeaderService, DownstreamOptionsResolver, sharesOptions } from '@app/token';
import type { EffectiveDownstreamOptions, RequestContext } from '@app/token-core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { DownstreamCall } from './downstream-call';
import type { DownstreamApiResultDto } from './dto/downstream-api-result.dto';
import type { OutboundRequest } from './http/downstream-http-client';
import { claimsFromChallenges } from './outbound/claims-challenge';
import {
  isValidHeaderValue,
  profileHeaders,
  type ProfileHeaders,
  withCallHeaders,
} from './outbound/outbound-headers';
import { buildOutboundUrl } from './outbound/outbound-url';
import { contentHeaders, contentText } from './outbound/downstream-response';
import { headerValue, headerValues } from './http/raw-headers';

/** The inbound body as the app parsed it: raw bytes, and the caller's Content-Type if any. */
export interface InboundBody {
  readonly body?: Buffer;
  readonly contentType?: string;
}

// Spec C.4: a downstream call needs scopes (an empty list is the caller's 400). One object, not one per call.
const DOWNSTREAM_RULES = { requireNonEmptyScopes: true } as const;

// RFC 9110 §5.6.2 token: anything else cannot be sent as a method.
const METHOD_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What the options alone decide about the outbound request: where it goes, how, and the profile's headers. */
interface OutboundPlan {
  readonly url: URL;
  readonly method: string;
  readonly headers: ProfileHeaders;
}

/**
 * Spec C.4: the token routes' steps 1–7 (resolver and provider), then the outbound call (C.6) with at
 * most one retry on a claims challenge (F.7), and the answer shaped as `{statusCode, headers, content}`.
 */
@Injectable()
export class DownstreamApiService {
  private readonly logger: Logger;
  /**
   * Plans of the options that requests share (no query string: one frozen object per route and API), so a
   * call does not build the URL and check the method and headers again; held only as long as those options.
   */
  private readonly plans = new WeakMap<EffectiveDownstreamOptions, OutboundPlan>();

  constructor(
    private readonly resolver: DownstreamOptionsResolver,
    private readonly provider: AuthorizationHeaderService,
    private readonly call: DownstreamCall,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'downstream' });
  }

  async invoke(context: RequestContext, inbound: InboundBody): Promise<DownstreamApiResultDto> {
    const options = this.resolver.resolve(context, DOWNSTREAM_RULES);
    const plan = this.planFor(context, options);
    // A cached token is taken without an await (most calls are hits), as the AuthorizationHeader routes do.
    const cached = sharesOptions(context) ? this.provider.cachedAnswer(options, context.inbound) : undefined;
    const authorization =
      cached !== undefined
        ? cached.result.authorizationHeader
        : (await this.provider.acquire(options, context)).authorizationHeader;
    const request = this.request(context.apiName, plan, authorization, inbound);
    let response = await this.call.send(context.apiName, request);

    const claims =
      response.statusCode === 401
        ? claimsFromChallenges(headerValues(response.rawHeaders, 'www-authenticate'))
        : undefined;
    if (claims !== undefined) {
      // Spec C.6: one new token carrying the claims the downstream asked for, one retry, its answer returned.
      this.logger.info(
        { apiName: context.apiName },
        'Claims challenge from the downstream API; retrying once.',
      );
      const renewed = await this.provider.acquire(options, context, { claims });
      const headers = { ...request.headers, Authorization: renewed.authorizationHeader };
      response = await this.call.send(context.apiName, { ...request, headers });
    }

    return {
      statusCode: response.statusCode,
      headers: contentHeaders(response.rawHeaders),
      content: contentText(response.body, headerValue(response.rawHeaders, 'content-type')),
    };
  }

  private planFor(context: RequestContext, options: EffectiveDownstreamOptions): OutboundPlan {
    let plan = this.plans.get(options);
    if (plan === undefined) {
      const target = this.target(context.apiName, options);
      plan = { ...target, headers: profileHeaders(options.acceptHeader, options.extraHeaderParameters) };
      if (sharesOptions(context)) this.plans.set(options, plan);
    }
    return plan;
  }

  // Checked before any token is acquired: without a BaseUrl there is nothing to call. The caller chose the API
  // (an unknown name, or one configured for tokens only), so it is the caller's 400, not a 500.
  private target(apiName: string, options: EffectiveDownstreamOptions): { url: URL; method: string } {
    if (options.baseUrl === undefined)
      throw new SidecarError('DOWNSTREAM_NOT_CONFIGURED', noBaseUrlDetail(apiName));
    const method = options.httpMethod.toUpperCase();
    if (!METHOD_TOKEN.test(method)) {
      throw new SidecarError('BAD_REQUEST', `'${options.httpMethod}' is not a valid HTTP method.`);
    }
    // CONNECT asks for a tunnel, not a resource: no downstream API call can use it (the client refuses it).
    if (method === 'CONNECT') {
      throw new SidecarError('BAD_REQUEST', "'CONNECT' cannot be the method of a downstream API call.");
    }
    if (!isValidHeaderValue(options.acceptHeader)) {
      // Never quoted: the value holds a control character (CR, LF, NUL), the makings of header injection.
      throw new SidecarError('BAD_REQUEST', 'The AcceptHeader is not a valid header value.');
    }
    return {
      url: buildOutboundUrl(options.baseUrl, options.relativePath, options.extraQueryParameters),
      method,
    };
  }

  private request(
    apiName: string,
    plan: OutboundPlan,
    authorization: string,
    inbound: InboundBody,
  ): OutboundRequest {
    for (const { name, reason } of plan.headers.dropped) {
      this.logger.warn({ apiName, header: name, reason }, 'An extra header was not sent downstream.');
    }
    const headers = withCallHeaders(plan.headers, authorization, inbound.contentType);
    return { url: plan.url, method: plan.method, headers, body: forwardedBody(inbound) };
  }
}

/** Detail of the 400 for an API without a BaseUrl (unknown, or configured for tokens only). */
export const noBaseUrlDetail = (apiName: string): string =>
  `The API '${apiName}' has no BaseUrl (DownstreamApis:${apiName}:BaseUrl), so /DownstreamApi cannot call it.`;

// Decisions §2: raw bytes with the caller's Content-Type. A typed empty body is still sent (the reference
// sends the empty content); an untyped body only when it has bytes.
function forwardedBody(inbound: InboundBody): Buffer | undefined {
  if (inbound.contentType !== undefined) return inbound.body ?? Buffer.alloc(0);
  return inbound.body !== undefined && inbound.body.length > 0 ? inbound.body : undefined;
}
