import { TokenCoreModule } from '@app/token-core';
import { Module } from '@nestjs/common';
import { AgentChainAcquirer } from './agent-chain.acquirer';
import { AgentTokenAcquirer } from './agent-token.acquirer';

/** Agent identities (spec E): the autonomous agent, agent user (UPN or object id) and agent OBO chains. */
@Module({
  imports: [TokenCoreModule],
  providers: [{ provide: AgentTokenAcquirer, useClass: AgentChainAcquirer }],
  exports: [AgentTokenAcquirer],
})
export class AgentModule {}
