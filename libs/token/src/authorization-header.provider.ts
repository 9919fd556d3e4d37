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
import { resultWithBody, serializeResult } from './authorization-header.body';
import type { CachedToken } from './cache/cached-token';
import { tokenCacheKey } from './cache/token-cache-key';
import { TokenCache } from './cache/token-cache';
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
   * An app-only plan (client credentials, managed identity) depends on nothing but the options, which the
   * resolver shares between requests without overrides: plan and cache key are then computed once.
   */
  private readonly appPlans = new WeakMap<EffectiveDownstreamOptions, Keyed<PlannedRequest>>();
  /**
   * A user plan (OBO, long-running OBO) depends on the options and the validated inbound token only. On a cache
   * hit both are objects seen before (the shared options; the verified-token cache's entry), so the plan and
   * its key, with the assertion's sha256, are computed once per pair and forgotten with the token.
   */
  private readonly userPlans = new WeakMap<
    ValidatedToken,
    WeakMap<EffectiveDownstreamOptions, Keyed<PlannedRequest>>
  >();
  /**
   * The answer for a cached token is the same every time it is served: result and JSON body are built once per
   * cached entry, and the body is found again from the result.
   */
  private readonly resultFor = new WeakMemo((token: CachedToken): AuthorizationHeaderResult => {
    const { result, body } = resultWithBody(
      `${token.tokenType} ${token.accessToken}`,
      new Date(token.expiresOn),
    );
    this.bodies.set(result, body);
    return result;
  });
  private readonly bodies = new WeakMap<AuthorizationHeaderResult, string>();

  constructor(
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(TOKEN_ACQUIRERS) acquirers: readonly TokenAcquirer[],
    private readonly agents: AgentTokenAcquirer,
    private readonly cache: TokenCache,
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
    const started = process.hrtime.bigint();
    let flow = options.agent === undefined ? 'unknown' : 'agent';
    let tenant = options.acquireTokenOptions.tenant ?? this.azureAd.tenantId;
    try {
      if (options.agent !== undefined) {
        const result = toResult(await this.agents.acquire(options, context, extra));
        this.metrics.observe(flow, 'success', elapsedSeconds(started));
        return result;
      }
      const { request, keyParts, key } = this.plan(options, context, extra?.claims);
      flow = request.flow;
      tenant = request.tenant;
      const acquirer = this.acquirers.get(request.flow);
      if (acquirer === undefined) throw new Error(`No acquirer for the ${request.flow} flow.`);
      const { token, outcome } = await this.cache.getOrAcquire(key, request.forceRefresh, () =>
        acquirer.acquire(request).then(toCached),
      );
      this.metrics.cacheLookup(outcome);
      if (request.flow === 'long_running_obo' && request.assertion !== undefined) {
        // The session's token also answers later calls without the user's token (spec F.4).
        await this.cache.store(tokenCacheKey({ ...keyParts, assertion: undefined }), token);
      }
      const allocated = options.acquireTokenOptions.longRunningWebApiSessionKey !== request.sessionKey;
      this.metrics.observe(flow, 'success', elapsedSeconds(started));
      return allocated && request.sessionKey !== undefined
        ? { ...this.resultFor.get(token), longRunningWebApiSessionKey: request.sessionKey }
        : this.resultFor.get(token);
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

  /** The JSON body of the AuthorizationHeader routes for a result of `acquire`. */
  bodyOf(result: AuthorizationHeaderResult): string {
    return this.bodies.get(result) ?? serializeResult(result);
  }

  private plan(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    claims: string | undefined,
  ): Keyed<PlannedRequest> {
    const inbound = context.inbound;
    if (claims === undefined) {
      const known = this.appPlans.get(options) ?? (inbound && this.userPlans.get(inbound)?.get(options));
      if (known !== undefined) return known;
    }
    const planned = planTokenRequest(options, context, this.azureAd, claims);
    const keyed = Object.freeze({ ...planned, key: tokenCacheKey(planned.keyParts) });
    // A claims challenge answer is planned afresh: its claims come from the downstream, not the options.
    if (claims !== undefined) return keyed;
    const appOnly =
      planned.request.flow === 'client_credentials' || planned.request.flow === 'managed_identity';
    if (appOnly) this.appPlans.set(options, keyed);
    else if (inbound !== undefined) this.userPlansOf(inbound).set(options, keyed);
    return keyed;
  }

  private userPlansOf(inbound: ValidatedToken): WeakMap<EffectiveDownstreamOptions, Keyed<PlannedRequest>> {
    let plans = this.userPlans.get(inbound);
    if (plans === undefined) {
      plans = new WeakMap();
      this.userPlans.set(inbound, plans);
    }
    return plans;
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

const toCached = (token: AcquiredToken): CachedToken => ({
  accessToken: token.accessToken,
  tokenType: token.tokenType,
  expiresOn: token.expiresOn.getTime(),
});

const toResult = (token: AcquiredToken): AuthorizationHeaderResult => ({
  authorizationHeader: `${token.tokenType} ${token.accessToken}`,
  expiresOn: token.expiresOn,
});

const elapsedSeconds = (started: bigint): number => Number(process.hrtime.bigint() - started) / 1e9;

function outcomeOf(error: SidecarError): string {
  if (error.code === 'UNAUTHENTICATED') return 'entra_error';
  if (error.code === 'BAD_REQUEST') return 'client_error';
  return 'failure';
}
