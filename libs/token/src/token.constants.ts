import type { ResolveRules } from './downstream-options.resolver';

/** Detail of the 400 answered when neither the profile nor the request gives scopes (spec C.3 step 4). */
export const noScopesDetail = (apiName: string): string =>
  `No scopes found for the API '${apiName}' or in optionsOverride. 'scopes' needs to be either a single value or a list of values.`;

/** Detail of the 401 for a user flow without a user (spec C.3 step 7, F.1). */
export const NO_ACCOUNT_DETAIL = 'No account or login hint was passed to the AcquireTokenSilent call.';

/** Log event names of spec H.3, with their reference EventIds. */
export const TOKEN_LOG_EVENTS = {
  acquisitionFailed: { eventId: 1, event: 'AuthorizationHeaderAsyncError_CreateAuthorizationHeaderAsync' },
  overridesIgnored: { eventId: 3, event: 'OverridesIgnored' },
  baseUrlOverrideIgnored: { eventId: 4, event: 'BaseUrlOverrideIgnored' },
  agentIdentityOverridesIgnored: { eventId: 5, event: 'AgentIdentityOverridesIgnored' },
} as const;

/** The value of `LongRunningWebApiSessionKey` that asks the sidecar to allocate a key (spec F.4). */
export const ALLOCATE_FOR_ME = 'AllocateForMe';

/** The AuthorizationHeader routes accept a profile whose scope list is empty (spec C.3 step 4). */
export const AUTHORIZATION_HEADER_RULES: ResolveRules = { requireNonEmptyScopes: false };
