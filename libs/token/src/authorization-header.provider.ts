import { WeakMemo } from '@app/collections';
import { azureAdConfig, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import type { ValidatedToken } from '@app/validation';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { AgentTokenAcquirer } from './acquisition/agent/agent-token.acquirer';
import { toSidecarError } from './acquisition/msal/msal-errors';
import { explainTenantRefusal } from './acquisition/msal/tenant-refusal';
import type { AcquiredToken, TokenAcquirer, TokenFlow } from './acquisition/token-request';
import { type PlannedRequest, planTokenRequest } from './acquisition/token-request.planner';
import { AnswerOnDemand, type AuthorizationHeaderAnswer, resultWithBody } from './authorization-header.body';
import type { CachedToken } from './cache/cached-token';
import { tokenCacheKey } from './cache/token-cache-key';
import { TokenCache, type TokenCacheEntry } from './cache/token-cache';
import { sharesOptions } from './downstream-options.resolver';
import { TOKEN_ACQUIRERS } from './token.providers';
import { TOKEN_LOG_EVENTS } from './token.constants';
import { TokenMetrics } from './token.metrics';
import type { AuthorizationHeaderResult, EffectiveDownstreamOptions, RequestContext } from './token.types';

/**
 * Spec C.3 steps 6–7 and F: turns effective options into an authorization header through our cache and
 * the flow's acquirer, mapping every failure to the reference's answers (401 Entra message / 500).
 */
@Injectable()
export class AuthorizationHeaderProvider {
  private readonly logger: Logger;
  private readonly acquirers: ReadonlyMap<TokenFlow, TokenAcquirer>;
  /**
   * Plans, computed once. An app-only plan (client credentials, managed identity) depends on the options only;
   * a user plan (OBO, long-running OBO) on the options and the validated inbound token. On a cache hit both are
   * objects seen before (the resolver shares the options of requests without overrides; the verified-token
   * cache hands out its entry), so a hit neither re-plans nor hashes the assertion again. Keyed by options
   * first: there are few of them, and one look-up then covers both kinds.
   */
  private readonly plansFor = new WeakMemo((_: EffectiveDownstreamOptions): Plans => ({
    users: new WeakMap(),
  }));

  constructor(
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(TOKEN_ACQUIRERS) acquirers: readonly TokenAcquirer[],
    private readonly agents: AgentTokenAcquirer,
    private readonly cache: TokenCache<AuthorizationHeaderAnswer>,
    private readonly metrics: TokenMetrics,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'token' });
    this.acquirers = new Map(acquirers.map((acquirer) => [acquirer.flow, acquirer]));
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
    let flow = options.agent === undefined ? 'unknown' : 'agent';
    let tenant = options.acquireTokenOptions.tenant ?? this.azureAd.tenantId;
    try {
      if (options.agent !== undefined) {
        const answer = new AnswerOnDemand(toResult(await this.agents.acquire(options, context, extra)));
        this.metrics.observe(flow, 'success', elapsedSeconds(started));
        return answer;
      }
      const plan = this.plan(options, context, extra?.claims);
      flow = plan.flow;
      const hit = this.servedAgain(plan, started);
      if (hit !== undefined) return hit;
      const { request, keyParts, key } = plan.keyed;
      tenant = request.tenant;
      const acquirer = this.acquirers.get(request.flow);
      if (acquirer === undefined) throw new Error(`No acquirer for the ${request.flow} flow.`);
      const { token, outcome, entry } = await this.cache.getOrAcquire(key, request.forceRefresh, () =>
        acquirer.acquire(request).then(toCached),
      );
      this.metrics.cacheLookup(outcome);
      if (request.flow === 'long_running_obo' && request.assertion !== undefined) {
        // The session's token also answers later calls without the user's token (spec F.4).
        await this.cache.store(tokenCacheKey({ ...keyParts, assertion: undefined }), token);
      }
      const allocated = options.acquireTokenOptions.longRunningWebApiSessionKey !== request.sessionKey;
      this.metrics.observe(flow, 'success', elapsedSeconds(started));
      if (allocated && request.sessionKey !== undefined) {
        return new AnswerOnDemand({
          authorizationHeader: headerText(token),
          expiresOn: new Date(token.expiresOn),
          longRunningWebApiSessionKey: request.sessionKey,
        });
      }
      if (plan.revisits && entry !== undefined) plan.entry = entry;
      return this.answerFor(token, entry);
    } catch (error) {
      const mapped =
        (await explainTenantRefusal(
          error,
          this.azureAd.instance,
          tenant,
          this.sidecar.tokenAcquisition.timeoutMs,
        )) ?? toSidecarError(error);
      this.metrics.observe(flow, outcomeOf(mapped), elapsedSeconds(started));
      this.logFailure(flow, mapped, context);
      throw mapped;
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
    inbound: ValidatedToken | undefined,
  ): AuthorizationHeaderAnswer | undefined {
    if (options.agent !== undefined) return undefined;
    const plan = knownPlan(this.plansFor.get(options), inbound);
    return plan === undefined ? undefined : this.servedAgain(plan, performance.now());
  }

  // A hit: the entry this plan was last served from still holds a servable token (the same one, or one a
  // forced refresh put there), with the answer built for it kept on the entry.
  private servedAgain(plan: Plan, started: number): AuthorizationHeaderAnswer | undefined {
    const last = plan.entry;
    const again = last === undefined ? undefined : this.cache.revisit(last);
    if (again === undefined) return undefined;
    this.metrics.cacheLookup('memory');
    this.metrics.observe(plan.flow, 'success', elapsedSeconds(started));
    return this.answerFor(again, last);
  }

  /**
   * The answer for a cached token is the same every time it is served: built once and kept on the token's
   * memory entry, where a hit finds it without another look-up and which drops it with the token.
   */
  private answerFor(token: CachedToken, entry: TokenCacheEntry | undefined): AuthorizationHeaderAnswer {
    const kept = entry === undefined ? undefined : this.cache.noteOf(entry);
    if (kept !== undefined) return kept;
    const answer = resultWithBody(headerText(token), new Date(token.expiresOn));
    if (entry !== undefined) this.cache.note(entry, token, answer);
    return answer;
  }

  private plan(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    claims: string | undefined,
  ): Plan {
    // A claims challenge answer is planned afresh: its claims come from the downstream, not the options. So are
    // options that are the request's own: a plan remembered for them would never be found again.
    if (claims !== undefined || !sharesOptions(context)) return this.planNow(options, context, claims);
    const plans = this.plansFor.get(options);
    const inbound = context.inbound;
    const known = knownPlan(plans, inbound);
    if (known !== undefined) return known;
    const plan = this.planNow(options, context, undefined);
    const flow = plan.flow;
    if (flow === 'client_credentials' || flow === 'managed_identity') plans.app = plan;
    else if (inbound !== undefined) plans.users.set(inbound, plan);
    return plan;
  }

  private planNow(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    claims: string | undefined,
  ): Plan {
    const planned = planTokenRequest(options, context, this.azureAd, claims);
    const { flow, forceRefresh } = planned.request;
    return {
      keyed: Object.freeze({ ...planned, key: tokenCacheKey(planned.keyParts) }),
      flow,
      // A forced refresh must reach the token endpoint every time; a long-running session stores more than
      // one entry and may allocate its key, so it always takes the full path.
      revisits: !forceRefresh && flow !== 'long_running_obo',
      entry: undefined,
    };
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

type Keyed<T> = Readonly<T & { key: string }>;

/** What was planned for one options object: its app plan, or one plan per validated inbound token. */
interface Plans {
  app?: Plan;
  readonly users: WeakMap<ValidatedToken, Plan>;
}

/**
 * A planned request with its cache key, and the memory entry it was last served from: a hit comes back to that
 * entry through its handle instead of looking the key up. With thousands of users every object a hit reads is
 * a main-memory read rather than a CPU-cache one, so a hit reads as few as it can: the plan, the entry, the
 * token and the answer kept on the entry. The handle lets go of both when the entry leaves the cache, so a plan
 * never keeps an evicted token alive.
 */
interface Plan {
  readonly keyed: Keyed<PlannedRequest>;
  readonly flow: TokenFlow;
  /** Whether a hit may come back through `entry`. */
  readonly revisits: boolean;
  entry: TokenCacheEntry | undefined;
}

/** The plan made earlier for these options: their app plan, else the one for this validated inbound token. */
const knownPlan = (plans: Plans, inbound: ValidatedToken | undefined): Plan | undefined =>
  plans.app ?? (inbound && plans.users.get(inbound));

/** The `Authorization` header value for a token, cached or just acquired. */
const headerText = (token: { readonly tokenType: string; readonly accessToken: string }): string =>
  `${token.tokenType} ${token.accessToken}`;

const toCached = (token: AcquiredToken): CachedToken => ({
  accessToken: token.accessToken,
  tokenType: token.tokenType,
  expiresOn: token.expiresOn.getTime(),
});

const toResult = (token: AcquiredToken): AuthorizationHeaderResult => ({
  authorizationHeader: headerText(token),
  expiresOn: token.expiresOn,
});

const elapsedSeconds = (startedMs: number): number => (performance.now() - startedMs) / 1000;

function outcomeOf(error: SidecarError): string {
  if (error.code === 'UNAUTHENTICATED') return 'entra_error';
  if (error.code === 'BAD_REQUEST') return 'client_error';
  return 'failure';
}
