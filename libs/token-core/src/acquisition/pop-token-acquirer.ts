import { TokenAcquirer } from './token-request';

/**
 * Port of the PoP flow (spec F.5): a client-credentials token bound to the caller's public key (`req_cnf`,
 * `token_type=pop`), which msal-node cannot request (dependencies.md §3.3). The token core declares it and
 * `TokenAcquirers` serves it; `@app/signed-request`, above the token core in the module graph, fills it.
 */
export abstract class PopTokenAcquirer extends TokenAcquirer {
  readonly flow = 'client_credentials_pop';
}
