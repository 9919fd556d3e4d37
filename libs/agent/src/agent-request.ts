/** Which agent flow runs (spec E.2). */
export type AgentFlow = 'agent_app' | 'agent_user' | 'agent_obo';

/** The agent user of an agent user identity token (spec E.4.3): by UPN or by object id. */
export type AgentUser = { readonly username: string } | { readonly userObjectId: string };

/** One agent token to acquire, after the flow was chosen (spec E.2) and tenant and scopes resolved. */
export interface AgentRequest {
  readonly flow: AgentFlow;
  /** The agent identity's client id (`AgentIdentity`). */
  readonly agentId: string;
  /** Tenant of every leg (spec F.8: the override applies to all of them). */
  readonly tenant: string;
  /** `agent_app`: one `/.default` scope; user flows: the profile's scopes without the OIDC ones. */
  readonly scopes: readonly string[];
  readonly claims?: string;
  readonly correlationId?: string;
  readonly forceRefresh: boolean;
  readonly extraQueryParameters: Readonly<Record<string, string>>;
  /** `agent_user` only. */
  readonly user?: AgentUser;
  /** `agent_obo` only: the validated inbound token (the decrypted inner token for a JWE). */
  readonly assertion?: string;
}
