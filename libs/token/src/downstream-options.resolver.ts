import { LRUCache } from 'lru-cache';
import { downstreamApisConfig, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import {
  agentParametersOutside,
  hasAgentParameters,
  parseAgentParameters,
} from './overrides/agent-parameters';
import { bindOptionsOverride } from './overrides/options-override.binder';
import { mergeOverrides } from './overrides/options-override.merge';
import { checkOverrideValues } from './overrides/override-checks';
import { gateKey, overridesAllowed } from './overrides/override-gate';
import type { MutableDownstreamOptions } from './profiles/mutable-options';
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
    this.applyOverrides(options, context, allowed);

    const scopes = options.scopes;
    if (scopes === undefined || (rules.requireNonEmptyScopes && scopes.length === 0)) {
      throw new SidecarError('BAD_REQUEST', noScopesDetail(context.apiName));
    }

    this.applyAgentParameters(options, context, allowed);
    return deepFreezeOptions(options);
  }

  // Spec C.3 step 3 and D: the route's gate, then `Sidecar:AllowOverrides:Keys`; what either leaves out is
  // ignored with a warning, as the reference does with a closed gate.
  private applyOverrides(options: MutableDownstreamOptions, context: RequestContext, allowed: boolean): void {
    const { route } = context;
    const bound = bindOptionsOverride(context.query, this.sidecar.allowOverrides.keys);
    if (bound.baseUrlSupplied) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.baseUrlOverrideIgnored, route },
        `optionsOverride.BaseUrl is never honoured (route ${route}); the configured BaseUrl is used.`,
      );
    }
    if (!bound.hasAny) return;
    if (!allowed) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.overridesIgnored, route },
        `optionsOverride parameters ignored on route ${route}: set ${gateKey(route)}=true to allow them.`,
      );
      return;
    }
    if (bound.ignoredKeys.length > 0) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.overridesIgnored, route, keys: bound.ignoredKeys },
        `optionsOverride keys ignored on route ${route}: ${bound.ignoredKeys.join(', ')} ${NOT_LISTED}`,
      );
    }
    checkOverrideValues(options, bound.overrides, context.apiName);
    mergeOverrides(options, bound.overrides);
  }

  // Spec C.3 step 5 and E.1, under the same gate and key list.
  private applyAgentParameters(
    options: MutableDownstreamOptions,
    context: RequestContext,
    allowed: boolean,
  ): void {
    const { route, query } = context;
    if (!allowed) {
      if (hasAgentParameters(query)) {
        this.logger.warn(
          { ...TOKEN_LOG_EVENTS.agentIdentityOverridesIgnored, route },
          `Agent identity parameters ignored on route ${route}: set ${gateKey(route)}=true to allow them.`,
        );
      }
      return;
    }
    const keys = this.sidecar.allowOverrides.keys;
    const outside = agentParametersOutside(query, keys);
    if (outside.length > 0) {
      this.logger.warn(
        { ...TOKEN_LOG_EVENTS.agentIdentityOverridesIgnored, route, keys: outside },
        `Agent identity parameters ignored on route ${route}: ${outside.join(', ')} ${NOT_LISTED}`,
      );
    }
    options.agent = parseAgentParameters(query, keys);
  }
}

const NOT_LISTED = 'not listed in Sidecar:AllowOverrides:Keys.';

function deepFreezeOptions<T extends object>(value: T): T {
  for (const item of Object.values(value)) {
    if (typeof item === 'object' && item !== null) deepFreezeOptions(item as object);
  }
  return Object.freeze(value);
}
