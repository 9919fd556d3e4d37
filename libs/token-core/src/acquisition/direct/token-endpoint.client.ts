import type { AzureAdSettings } from '@app/config';
import { fetchWithin } from '@app/http';
import { randomUUID } from 'node:crypto';
import type { CredentialLoader } from '../../credentials/credential-loader';
import type { AcquiredToken } from '../token-request';
import { claimsWithCapabilities } from './claims-with-capabilities';
import { clientAuthentication } from './client-authentication';
import { readTokenAnswer } from './token-endpoint-answer';

/** One request to the token endpoint of a tenant, in the sidecar's own name. */
export interface TokenEndpointRequest {
  readonly tenant: string;
  /** The grant's own fields (`grant_type`, `scope`, …); the client id and its authentication are added. */
  readonly fields: Readonly<Record<string, string>>;
  /** Requested claims (a claims challenge); the client capabilities are merged in. */
  readonly claims?: string;
  readonly fmiPath?: string;
  /** Sent as `client-request-id`, so Entra's error answers and logs carry it; a new GUID when undefined. */
  readonly correlationId?: string;
  /** Appended to the token endpoint's URL (`AzureAd:ExtraQueryParameters`, the profile's). */
  readonly extraQueryParameters: Readonly<Record<string, string>>;
}

/**
 * A direct POST to `{Instance}{tenant}/oauth2/v2.0/token` with the sidecar's own client credential, for what
 * msal-node cannot send (PoP's `req_cnf`, dependencies.md §3.3). Authenticates as msal-node does (secret,
 * certificate assertion, assertion callback), within the token-acquisition timeout, never following a
 * redirect, and maps the answer as every flow does: Entra's refusal is a 401 with its text, anything else a 500.
 * No token cache here: the caller's cache and single-flight sit in front, as for every flow.
 */
export class TokenEndpointClient {
  constructor(
    private readonly azureAd: AzureAdSettings,
    private readonly credentials: CredentialLoader,
    private readonly timeoutMs: number,
  ) {}

  /** The token Entra issued for `request`; throws a SidecarError (401) for Entra's refusal, an Error otherwise. */
  async acquire(request: TokenEndpointRequest): Promise<AcquiredToken> {
    const tokenEndpoint = `${this.azureAd.instance}${encodeURIComponent(request.tenant)}/oauth2/v2.0/token`;
    const form = new URLSearchParams({ ...request.fields, client_id: this.azureAd.clientId });
    if (request.fmiPath !== undefined) form.set('fmi_path', request.fmiPath);
    const claims = claimsWithCapabilities(request.claims, this.azureAd.clientCapabilities);
    if (claims !== undefined) form.set('claims', claims);
    const authentication = await clientAuthentication(await this.credentials.load(), {
      clientId: this.azureAd.clientId,
      tokenEndpoint,
      fmiPath: request.fmiPath,
      sendX5C: this.azureAd.sendX5C,
    });
    for (const [name, value] of Object.entries(authentication)) form.set(name, value);
    const answer = await fetchWithin(
      withQuery(tokenEndpoint, request.extraQueryParameters),
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded;charset=utf-8',
          accept: 'application/json',
          'client-request-id': request.correlationId ?? randomUUID(),
        },
        body: form.toString(),
      },
      { timeoutMs: this.timeoutMs, redirect: 'manual' },
    );
    return readTokenAnswer(answer);
  }
}

function withQuery(url: string, parameters: Readonly<Record<string, string>>): string {
  const query = new URLSearchParams(parameters).toString();
  return query === '' ? url : `${url}?${query}`;
}
