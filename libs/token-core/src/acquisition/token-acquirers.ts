import { Inject, Injectable } from '@nestjs/common';
import { TOKEN_ACQUIRERS } from '../token-core.constants';
import type { TokenAcquirer, TokenFlow } from './token-request';

/** The sidecar's own flows (client credentials, managed identity, OBO, long-running OBO), one acquirer each. */
@Injectable()
export class TokenAcquirers {
  private readonly byFlow: ReadonlyMap<TokenFlow, TokenAcquirer>;

  constructor(@Inject(TOKEN_ACQUIRERS) acquirers: readonly TokenAcquirer[]) {
    this.byFlow = new Map(acquirers.map((acquirer) => [acquirer.flow, acquirer]));
  }

  /** The acquirer of `flow`; every flow has one, so a missing one is a wiring fault (a 500). */
  forFlow(flow: TokenFlow): TokenAcquirer {
    const acquirer = this.byFlow.get(flow);
    if (acquirer === undefined) throw new Error(`No acquirer for the ${flow} flow.`);
    return acquirer;
  }
}
