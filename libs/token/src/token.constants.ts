/** Detail of the 400 answered when neither the profile nor the request gives scopes (spec C.3 step 4). */
export const noScopesDetail = (apiName: string): string =>
  `No scopes found for the API '${apiName}' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.`;

/** Log event names of spec H.3, with their reference EventIds. */
export const TOKEN_LOG_EVENTS = {
  acquisitionFailed: { eventId: 1, event: 'AuthorizationHeaderAsyncError_CreateAuthorizationHeaderAsync' },
  overridesIgnored: { eventId: 3, event: 'OverridesIgnored' },
  baseUrlOverrideIgnored: { eventId: 4, event: 'BaseUrlOverrideIgnored' },
  agentIdentityOverridesIgnored: { eventId: 5, event: 'AgentIdentityOverridesIgnored' },
} as const;

/** Rules that differ between the routes that resolve a profile. */
export interface ResolveRules {
  /** `/DownstreamApi*` also refuse an empty scope list (spec C.3 step 4). */
  readonly requireNonEmptyScopes: boolean;
}

/** The AuthorizationHeader routes accept a profile whose scope list is empty (spec C.3 step 4). */
export const AUTHORIZATION_HEADER_RULES: ResolveRules = { requireNonEmptyScopes: false };
