import { LRUCache } from 'lru-cache';
import { downstreamApisConfig, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { hasAgentParameters, parseAgentParameters } from './overrides/agent-parameters';
import { bindOptionsOverride } from './overrides/options-override.binder';
import { mergeOverrides } from './overrides/options-override.merge';
import { checkOverrideValues } from './overrides/override-checks';
import { gateKey, overridesAllowed } from './overrides/override-gate';
import { copyProfile } from './profiles/profile-copy';
import { noScopesDetail, type ResolveRules, TOKEN_LOG_EVENTS } from './token.constants';
import type { EffectiveDownstreamOptions, RequestContext, SidecarRoute } from '@app/token-core';

/** Shared option copies kept per route: far more API names than a deployment configures. */
const SHARED_OPTIONS_PER_ROUTE = 256;

/**
 * Whether a request's effective options are shared with other requests (and so worth remembering things by):
 * without a query string they depend only on route, API name and rules; with one they are the request's own.
 */
export const sharesOptions = (context: RequestContext): boolean => context.query.size === 0;

/**
 * Spec C.3 steps 1–5: the request's own copy of the profile, the route's override gate, the `optionsOverride.*`
 * binding (C.5) and merge (D), the scopes check and the agent parameters (E.1).
 */
@Injectable()
export class DownstreamOptionsResolver {
  private readonly logger: Logger;
  /**
   * Without a query string the effective options depend only on route, API name and rules, and they are deeply
   * frozen, so every such request can share one copy. Found by rules, route (a handful of each) and API name,
   * so a look-up builds no key string; bounded per route because the API name comes from the URL.
   */
  private readonly withoutOverrides = {
    lenient: new Map<SidecarRoute, LRUCache<string, EffectiveDownstreamOptions>>(),
    strict: new Map<SidecarRoute, LRUCache<string, EffectiveDownstreamOptions>>(),
  };

  constructor(
    @Inject(downstreamApisConfig.KEY) private readonly profiles: ConfigType<typeof downstreamApisConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.logger = logger.child({ component: 'token' });
  }

  /** Resolves the effective options; throws SidecarError 400 `No scopes found…`. */
  resolve(context: RequestContext, rules: ResolveRules): EffectiveDownstreamOptions {
    if (!sharesOptions(context)) return this.resolveFresh(context, rules);
    const byApiName = this.sharedFor(context.route, rules);
    let options = byApiName.get(context.apiName);
    if (options === undefined) {
      options = this.resolveFresh(context, rules);
      byApiName.set(context.apiName, options);
    }
    return options;
  }

  /**
   * The options requests without a query string share, once one of them has resolved them; otherwise undefined.
   * Never resolves, so it neither logs nor throws: for looking up an answer a cache already holds.
   */
  sharedOptions(
    route: SidecarRoute,
    apiName: string,
    rules: ResolveRules,
  ): EffectiveDownstreamOptions | undefined {
    return this.sharedFor(route, rules).get(apiName);
  }

  private sharedFor(route: SidecarRoute, rules: ResolveRules): LRUCache<string, EffectiveDownstreamOptions> {
    const byRoute = rules.requireNonEmptyScopes
      ? this.withoutOverrides.strict
      : this.withoutOverrides.lenient;
    let byApiName = byRoute.get(route);
    if (byApiName === undefined)
      byRoute.set(route, (byApiName = new LRUCache({ max: SHARED_OPTIONS_PER_ROUTE })));
    return byApiName;
  }

  private resolveFresh(context: RequestContext, rules: ResolveRules): EffectiveDownstreamOptions {
    const options = copyProfile(this.profiles.get(context.apiName));
    const allowed = overridesAllowed(this.sidecar, context.route);
    const bound = bindOptionsOverride(context.query);
    if (bound.baseUrlSupplied) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.baseUrlOverrideIgnored, route: context.route },
        `optionsOverride.BaseUrl is never honoured (route ${context.route}); the configured BaseUrl is used.`,
      );
    }
    if (bound.hasAny && allowed) {
      checkOverrideValues(options, bound.overrides, context.apiName);
      mergeOverrides(options, bound.overrides);
    }
    if (bound.hasAny && !allowed) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.overridesIgnored, route: context.route },
        `optionsOverride parameters ignored on route ${context.route}: set ${gateKey(context.route)}=true to allow them.`,
      );
    }

    const scopes = options.scopes;
    if (scopes === undefined || (rules.requireNonEmptyScopes && scopes.length === 0)) {
      throw new SidecarError('BAD_REQUEST', noScopesDetail(context.apiName));
    }

    if (allowed) options.agent = parseAgentParameters(context.query);
    else if (hasAgentParameters(context.query)) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.agentIdentityOverridesIgnored, route: context.route },
        `Agent identity parameters ignored on route ${context.route}: set ${gateKey(context.route)}=true to allow them.`,
      );
    }
    return deepFreezeOptions(options);
  }
}

function deepFreezeOptions<T extends object>(value: T): T {
  for (const item of Object.values(value)) {
    if (typeof item === 'object' && item !== null) deepFreezeOptions(item as object);
  }
  return Object.freeze(value);
}
