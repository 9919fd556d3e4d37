import type { OnBehalfOfRequest } from '@azure/msal-node';
import { withExtraQuery } from './msal-result';

/** What an on-behalf-of leg needs, whoever performs it (the sidecar, spec F.1, or an agent, spec E.5). */
export interface OnBehalfOfFields {
  readonly assertion?: string;
  readonly scopes: readonly string[];
  readonly forceRefresh: boolean;
  readonly claims?: string;
  readonly correlationId?: string;
  readonly extraQueryParameters: Readonly<Record<string, string>>;
}

/** The msal-node OBO request; our cache decides freshness, so a forced refresh also skips msal's cache. */
export function onBehalfOfRequest(fields: OnBehalfOfFields, flow: string): OnBehalfOfRequest {
  if (fields.assertion === undefined) throw new Error(`The ${flow} flow needs an assertion.`);
  return withExtraQuery(
    {
      oboAssertion: fields.assertion,
      scopes: [...fields.scopes],
      skipCache: fields.forceRefresh,
      claims: fields.claims,
      correlationId: fields.correlationId,
    },
    fields.extraQueryParameters,
  );
}
