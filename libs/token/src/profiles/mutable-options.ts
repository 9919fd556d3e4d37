import type { AgentParameters } from '@app/token-core';

/** The working copy of a profile while one request resolves it; frozen into `EffectiveDownstreamOptions`. */
export interface MutableDownstreamOptions {
  baseUrl?: string;
  relativePath: string;
  httpMethod: string;
  acceptHeader: string;
  contentType: string;
  scopes?: string[];
  requestAppToken: boolean;
  extraHeaderParameters: Record<string, string>;
  extraQueryParameters: Record<string, string>;
  acquireTokenOptions: {
    tenant?: string;
    claims?: string;
    correlationId?: string;
    forceRefresh: boolean;
    fmiPath?: string;
    longRunningWebApiSessionKey?: string;
    popPublicKey?: string;
    managedIdentity?: { userAssignedClientId?: string };
    extraQueryParameters: Record<string, string>;
  };
  agent?: AgentParameters;
}
