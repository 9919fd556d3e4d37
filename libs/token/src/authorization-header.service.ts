import { AgentTokenAcquirer } from '@app/agent';
import { OBSERVABILITY_LOGGER, secondsSince } from '@app/observability';
import type { SidecarError } from '@app/problem-details';
import {
  AcquisitionErrors,
  type AcquiredToken,
  type AuthorizationHeaderResult,
  type CachedToken,
  type EffectiveDownstreamOptions,
  type InboundAssertion,
  type RequestContext,
  TokenAcquirers,
  TokenCache,
  type TokenCacheEntry,
  TokenMetrics,
} from '@app/token-core';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AnswerOnDemand, type AuthorizationHeaderAnswer, resultWithBody } from './authorization-header.body';
import { type Plan, RequestPlans } from './request-plans';
import { TOKEN_LOG_EVENTS } from './token.constants';

/** The flow an answer is counted under, and the tenant a failure is explained for; known as the steps go. */
interface Attempt {
  flow: string;
  tenant: string | undefined;
}

/**
 * Spec C.3 steps 6–7 and F: turns effective options into an authorization header. The steps, in order: choose
 * the flow (agent identities go to the agent chain), plan the request, serve it from the cache, acquire it, and
 * map any failure to the reference's answers (401 Entra message / 500).
 */
@Injectable()
export class AuthorizationHeaderService {
  private readonly logger: Logger;

  constructor(
    private readonly plans: RequestPlans,
    private readonly cache: TokenCache<AuthorizationHeaderAnswer>,
    private readonly acquirers: TokenAcquirers,
    private readonly agents: AgentTokenAcquirer,
    private readonly errors: AcquisitionErrors,
    private readonly metrics: TokenMetrics,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'token' });
  }

  /** Acquires the header; `extra.claims` replaces the configured claims (downstream claims challenge). */
  async acquire(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    extra?: { claims?: string },
  ): Promise<AuthorizationHeaderResult> {
    return (await this.answer(options, context, extra)).result;
  }

  /** Like `acquire`, with the JSON body the AuthorizationHeader routes send. */
  async answer(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    extra?: { claims?: string },
  ): Promise<AuthorizationHeaderAnswer> {
    const started = performance.now();
    const attempt: Attempt = { flow: 'unknown', tenant: options.acquireTokenOptions.tenant };
    try {
      if (options.agent !== undefined) {
        attempt.flow = 'agent';
        return this.succeeded(attempt, started, await this.acquireForAgent(options, context, extra));
      }
      const plan = this.plans.planFor(options, context, extra?.claims);
      attempt.flow = plan.flow;
      attempt.tenant = plan.keyed.request.tenant;
      const hit = this.servedAgain(plan, started);
      if (hit !== undefined) return hit;
      return this.succeeded(attempt, started, await this.acquireAndCache(plan, options));
    } catch (error) {
      throw await this.failure(error, attempt, context, started);
    }
  }

  /**
   * The answer to a request whose plan was served before, when the entry it was served from still holds a
   * servable token; `undefined` otherwise (then `answer` does the rest). Never plans and never waits, so the
   * routes can answer a hit without an `await`. Only options the resolver shares (requests without a query
   * string) are ever served again: ask with those.
   */
  cachedAnswer(
    options: EffectiveDownstreamOptions,
    inbound: InboundAssertion | undefined,
  ): AuthorizationHeaderAnswer | undefined {
    if (options.agent !== undefined) return undefined;
    const plan = this.plans.knownPlan(options, inbound);
    return plan === undefined ? undefined : this.servedAgain(plan, performance.now());
  }

  // Agent identities (spec E) run their own chain of requests and cache its links themselves.
  private async acquireForAgent(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    extra: { claims?: string } | undefined,
  ): Promise<AuthorizationHeaderAnswer> {
    return new AnswerOnDemand(toResult(await this.agents.acquire(options, context, extra)));
  }

  // A hit: the entry this plan was last served from still holds a servable token (the same one, or one a
  // forced refresh put there), with the answer built for it kept on the entry.
  private servedAgain(plan: Plan, started: number): AuthorizationHeaderAnswer | undefined {
    const last = plan.entry;
    const again = last === undefined ? undefined : this.cache.revisit(last);
    if (again === undefined) return undefined;
    this.metrics.cacheLookup('memory');
    this.metrics.observe(plan.flow, 'success', secondsSince(started));
    return this.answerFor(again, last);
  }

  // The cache, then the flow's acquirer on a miss (single-flight: concurrent misses share one request).
  private async acquireAndCache(
    plan: Plan,
    options: EffectiveDownstreamOptions,
  ): Promise<AuthorizationHeaderAnswer> {
    const { request, key, sessionTokenKey } = plan.keyed;
    const acquirer = this.acquirers.forFlow(request.flow);
    const { token, outcome, entry } = await this.cache.getOrAcquire(key, request.forceRefresh, () =>
      acquirer.acquire(request).then(toCached),
    );
    this.metrics.cacheLookup(outcome);
    if (request.flow === 'long_running_obo') {
      // The session's token also answers later calls without the user's token (spec F.4).
      if (sessionTokenKey !== undefined) await this.cache.store(sessionTokenKey, token);
      const allocated = options.acquireTokenOptions.longRunningWebApiSessionKey !== request.sessionKey;
      if (allocated && request.sessionKey !== undefined) {
        return new AnswerOnDemand({
          authorizationHeader: headerText(token),
          expiresOn: new Date(token.expiresOn),
          longRunningWebApiSessionKey: request.sessionKey,
        });
      }
    }
    if (plan.revisits && entry !== undefined) plan.entry = entry;
    return this.answerFor(token, entry);
  }

  /**
   * The answer for a cached token is the same every time it is served: built once and kept on the token's
   * memory entry, where a hit finds it without another look-up and which drops it with the token.
   */
  private answerFor(token: CachedToken, entry: TokenCacheEntry | undefined): AuthorizationHeaderAnswer {
    const kept = entry === undefined ? undefined : this.cache.noteOf(entry);
    if (kept !== undefined) return kept;
    const answer = resultWithBody(headerText(token), new Date(token.expiresOn));
    if (entry !== undefined) this.cache.note(entry, token, answer, sharingText(token, answer));
    return answer;
  }

  private succeeded(
    attempt: Attempt,
    started: number,
    answer: AuthorizationHeaderAnswer,
  ): AuthorizationHeaderAnswer {
    this.metrics.observe(attempt.flow, 'success', secondsSince(started));
    return answer;
  }

  private async failure(
    error: unknown,
    attempt: Attempt,
    context: RequestContext,
    started: number,
  ): Promise<SidecarError> {
    const mapped = await this.errors.map(error, attempt.tenant);
    this.metrics.observe(attempt.flow, outcomeOf(mapped), secondsSince(started));
    this.logFailure(attempt.flow, mapped, context);
    return mapped;
  }

  private logFailure(flow: string, error: SidecarError, context: RequestContext): void {
    const cause = error.cause;
    this.logger.error(
      {
        ...TOKEN_LOG_EVENTS.acquisitionFailed,
        route: context.route,
        apiName: context.apiName,
        flow,
        code: error.code,
        // The Entra message carries no secret; a non-Entra cause is summarised by name and message only.
        cause: cause instanceof Error ? { name: cause.name, message: cause.message } : undefined,
      },
      'Acquiring the authorization header failed.',
    );
  }
}

/** The `Authorization` header value for a token, cached or just acquired. */
const headerText = (token: { readonly tokenType: string; readonly accessToken: string }): string =>
  `${token.tokenType} ${token.accessToken}`;

/**
 * The cached token again, its text a view into the answer's header (itself a view into the answer's body): the
 * entry then keeps the ~1.5 KB token once, in the body it serves, instead of beside it.
 */
function sharingText(token: CachedToken, answer: AuthorizationHeaderAnswer): CachedToken {
  const accessToken = answer.result.authorizationHeader.slice(token.tokenType.length + 1);
  if (accessToken !== token.accessToken) return token;
  return { accessToken, tokenType: token.tokenType, expiresOn: token.expiresOn };
}

const toCached = (token: AcquiredToken): CachedToken => ({
  accessToken: token.accessToken,
  tokenType: token.tokenType,
  expiresOn: token.expiresOn.getTime(),
});

const toResult = (token: AcquiredToken): AuthorizationHeaderResult => ({
  authorizationHeader: headerText(token),
  expiresOn: token.expiresOn,
});

function outcomeOf(error: SidecarError): string {
  if (error.code === 'UNAUTHENTICATED') return 'entra_error';
  if (error.code === 'BAD_REQUEST') return 'client_error';
  return 'failure';
}
