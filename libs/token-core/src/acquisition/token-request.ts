/** The token flows the sidecar runs itself (agent flows go through `AgentTokenAcquirer`). */
export type TokenFlow =
  'client_credentials' | 'client_credentials_pop' | 'managed_identity' | 'on_behalf_of' | 'long_running_obo';

/** Whether `flow` gets an app token: its plan depends on the options only, never on the caller's token. */
export const isAppFlow = (flow: TokenFlow): boolean =>
  flow === 'client_credentials' || flow === 'client_credentials_pop' || flow === 'managed_identity';

/** One token to acquire, after the options were resolved and the flow chosen (spec F.0). */
export interface TokenRequest {
  readonly flow: TokenFlow;
  /** App flows: exactly one `/.default` scope; user flows: every scope. */
  readonly scopes: readonly string[];
  /** Tenant of the token request (override, inbound `tid`, or the configured tenant). */
  readonly tenant: string;
  readonly claims?: string;
  readonly correlationId?: string;
  readonly forceRefresh: boolean;
  readonly fmiPath?: string;
  /** OBO assertion (the validated inbound token). */
  readonly assertion?: string;
  /** Managed identity: user-assigned client id, undefined = system-assigned. */
  readonly managedIdentity?: { readonly userAssignedClientId?: string };
  /** Long-running OBO session key (already allocated). */
  readonly sessionKey?: string;
  /** PoP (spec F.5): the caller's `PopPublicKey`, checked, sent as `req_cnf` unchanged. */
  readonly popPublicKey?: string;
  readonly extraQueryParameters: Readonly<Record<string, string>>;
}

/** A token as the flows return it. */
export interface AcquiredToken {
  readonly accessToken: string;
  /** `Bearer` (or `pop`), used as the header scheme (spec C.3 step 8). */
  readonly tokenType: string;
  readonly expiresOn: Date;
}

/** Port of one token flow; each implementation is a small adapter over msal-node. */
export abstract class TokenAcquirer {
  abstract readonly flow: TokenFlow;
  abstract acquire(request: TokenRequest): Promise<AcquiredToken>;
}
