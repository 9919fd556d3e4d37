import { WeakMemo } from '@app/collections';
import { azureAdConfig } from '@app/config';
import {
  type EffectiveDownstreamOptions,
  type InboundAssertion,
  isAppFlow,
  planTokenRequest,
  type RequestContext,
  type TokenCacheEntry,
  tokenCacheKey,
  type TokenFlow,
  type TokenRequest,
} from '@app/token-core';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { sharesOptions } from './downstream-options.resolver';

/**
 * A planned request with its cache key, and the memory entry it was last served from: a hit comes back to that
 * entry through its handle instead of looking the key up. With thousands of users every object a hit reads is
 * a main-memory read rather than a CPU-cache one, so a hit reads as few as it can: the plan, the entry, the
 * token and the answer kept on the entry. The handle lets go of both when the entry leaves the cache, so a plan
 * never keeps an evicted token alive.
 */
export interface Plan {
  readonly keyed: KeyedRequest;
  readonly flow: TokenFlow;
  /** Whether a hit may come back through `entry`. */
  readonly revisits: boolean;
  entry: TokenCacheEntry | undefined;
}

/**
 * A planned request and its cache key. Not the key's parts: a plan is kept per user, and only a long-running
 * session needs a second key from them (its token stored again without the user's assertion, spec F.4).
 */
export interface KeyedRequest {
  readonly request: TokenRequest;
  readonly key: string;
  /** Long-running OBO with the user's token: the key the session's token is also stored under. */
  readonly sessionTokenKey?: string;
}

/** What was planned for one options object: its app plan, or one plan per validated inbound token. */
interface Plans {
  app?: Plan;
  readonly users: WeakMap<InboundAssertion, Plan>;
}

/**
 * Plans of the sidecar's own flows, computed once. An app-only plan (client credentials, PoP, managed identity)
 * depends on the options only; a user plan (OBO, long-running OBO) on the options and the validated inbound
 * token. On a cache hit both are objects seen before (the resolver shares the options of requests without
 * overrides; the verified-token cache hands out its entry), so a hit neither re-plans nor hashes the assertion
 * again. Keyed by options first: there are few of them, and one look-up then covers both kinds.
 */
@Injectable()
export class RequestPlans {
  private readonly plansFor = new WeakMemo((_: EffectiveDownstreamOptions): Plans => ({
    users: new WeakMap(),
  }));

  constructor(@Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>) {}

  /** The plan for this request: one made before for the same shared options and user, else a new one. */
  planFor(options: EffectiveDownstreamOptions, context: RequestContext, claims: string | undefined): Plan {
    // A claims challenge answer is planned afresh: its claims come from the downstream, not the options. So are
    // options that are the request's own: a plan remembered for them would never be found again.
    if (claims !== undefined || !sharesOptions(context)) return this.planNow(options, context, claims);
    const plans = this.plansFor.get(options);
    const inbound = context.inbound;
    const known = knownPlan(plans, inbound);
    if (known !== undefined) return known;
    const plan = this.planNow(options, context, undefined);
    const flow = plan.flow;
    if (isAppFlow(flow)) plans.app = plan;
    else if (inbound !== undefined) plans.users.set(inbound, plan);
    return plan;
  }

  /** The plan made earlier for these shared options and user, if any; never plans. */
  knownPlan(options: EffectiveDownstreamOptions, inbound: InboundAssertion | undefined): Plan | undefined {
    return knownPlan(this.plansFor.get(options), inbound);
  }

  private planNow(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    claims: string | undefined,
  ): Plan {
    const { request, keyParts } = planTokenRequest(options, context, this.azureAd, claims);
    const { flow, forceRefresh } = request;
    const session = flow === 'long_running_obo' && request.assertion !== undefined;
    return {
      // A literal, not `{ ...planned, key }`: kept per user, and V8 gives a spread built by optimized code a
      // hidden class of its own (see `tokenRequest` in @app/token-core).
      keyed: Object.freeze({
        request,
        key: tokenCacheKey(keyParts),
        sessionTokenKey: session ? tokenCacheKey({ ...keyParts, assertion: undefined }) : undefined,
      }),
      flow,
      // A forced refresh must reach the token endpoint every time; a long-running session stores more than
      // one entry and may allocate its key, so it always takes the full path.
      revisits: !forceRefresh && flow !== 'long_running_obo',
      entry: undefined,
    };
  }
}

/** The plan made earlier for these options: their app plan, else the one for this validated inbound token. */
const knownPlan = (plans: Plans, inbound: InboundAssertion | undefined): Plan | undefined =>
  plans.app ?? (inbound && plans.users.get(inbound));
