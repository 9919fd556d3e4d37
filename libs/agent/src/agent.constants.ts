/** Scope of the exchange tokens T1 and T2 (spec E.3.1, E.4.2): the resource Entra trusts as a federated credential. */
export const TOKEN_EXCHANGE_SCOPE = 'api://AzureADTokenExchange/.default';

/**
 * Spec E.2 / K.16: an agent *user* token is a delegated token, so asking for it on the app path is a client
 * mistake. The reference sends a request Entra must refuse (401); we answer 400 and say why.
 */
export const AGENT_USER_ON_APP_PATH_DETAIL =
  'AgentUsername and AgentUserId ask for an agent user identity token, which is a user token: they cannot be ' +
  'combined with an app token (RequestAppToken or ManagedIdentity). Remove them to get the agent identity app ' +
  'token, or use a profile that requests a user token.';

/** Uses of one msal instance before it is replaced, so msal's own (linear-scan) cache stays small (§3.6). */
export const AGENT_CLIENT_PARTITION_SIZE = 256;

/** Agent msal instances kept at once (LRU): a fleet of agents must not grow memory without bound. */
export const MAX_AGENT_CLIENTS = 1_000;
