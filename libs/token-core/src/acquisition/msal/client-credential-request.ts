import type { ClientCredentialRequest } from '@azure/msal-node';
import { withExtraQuery } from './msal-result';

/** What a client-credentials request needs, whoever sends it (the sidecar, spec F.2, or an agent, spec E.3). */
export interface ClientCredentialFields {
  readonly scopes: readonly string[];
  readonly forceRefresh: boolean;
  readonly claims?: string;
  readonly correlationId?: string;
  readonly fmiPath?: string;
  readonly extraQueryParameters: Readonly<Record<string, string>>;
}

/** The msal-node request; our cache decides freshness, so a forced refresh also skips msal's cache. */
export function clientCredentialRequest(
  fields: ClientCredentialFields,
  azureRegion?: string,
): ClientCredentialRequest {
  return withExtraQuery(
    {
      scopes: [...fields.scopes],
      skipCache: fields.forceRefresh,
      claims: fields.claims,
      correlationId: fields.correlationId,
      fmiPath: fields.fmiPath,
      azureRegion,
    },
    fields.extraQueryParameters,
  );
}
