import { Inject, Injectable, Optional } from '@nestjs/common';
import { TOKEN_ACQUIRERS } from '../token-core.constants';
import { PopTokenAcquirer } from './pop-token-acquirer';
import type { TokenAcquirer, TokenFlow } from './token-request';

/**
 * The sidecar's own flows (client credentials, managed identity, OBO, long-running OBO), one acquirer each,
 * and the PoP flow when `@app/signed-request` provides its acquirer.
 */
@Injectable()
export class TokenAcquirers {
  private readonly byFlow: ReadonlyMap<TokenFlow, TokenAcquirer>;

  constructor(
    @Inject(TOKEN_ACQUIRERS) acquirers: readonly TokenAcquirer[],
    @Optional() @Inject(PopTokenAcquirer) pop?: PopTokenAcquirer,
  ) {
    const all = pop === undefined ? acquirers : [...acquirers, pop];
    this.byFlow = new Map(all.map((acquirer) => [acquirer.flow, acquirer]));
  }

  /**
   * The acquirer of `flow`. The sidecar's app always provides every flow, the PoP one included, so a missing
   * acquirer is a wiring fault (a 500), not a caller's mistake: a 400 "not supported" would tell a caller to
   * change a request that is right. Optional only so the token core can be assembled without it (specs).
   */
  forFlow(flow: TokenFlow): TokenAcquirer {
    const acquirer = this.byFlow.get(flow);
    if (acquirer === undefined) throw new Error(`No acquirer for the ${flow} flow.`);
    return acquirer;
  }
}
