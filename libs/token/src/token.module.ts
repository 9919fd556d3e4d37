import { AgentModule } from '@app/agent';
import { TokenCoreModule } from '@app/token-core';
import { ValidationModule } from '@app/validation';
import { Module } from '@nestjs/common';
import { AuthorizationHeaderService } from './authorization-header.service';
import { DownstreamOptionsResolver } from './downstream-options.resolver';
import { RequestPlans } from './request-plans';
import { TokenCachedAnswers } from './token.cached-answers';
import { TokenController } from './token.controller';

/** The two `/AuthorizationHeader*` routes, and the services `/DownstreamApi*` reuse to get the same header. */
@Module({
  imports: [ValidationModule, TokenCoreModule, AgentModule],
  controllers: [TokenController],
  providers: [DownstreamOptionsResolver, RequestPlans, AuthorizationHeaderService, TokenCachedAnswers],
  exports: [DownstreamOptionsResolver, AuthorizationHeaderService],
})
export class TokenModule {}
