import { TokenModule } from '@app/token';
import { ValidationModule } from '@app/validation';
import { Module } from '@nestjs/common';
import {
  DownstreamApiController,
  DownstreamApiUnauthenticatedController,
} from './downstream-api.controllers';
import { DownstreamApiService } from './downstream-api.service';
import { DownstreamCall } from './downstream-call';
import { DownstreamMetrics } from './downstream.metrics';
import { DownstreamHttpClient } from './http/downstream-http-client';
import { UndiciDownstreamHttpClient } from './http/undici-downstream-http-client';

/** `/DownstreamApi*`: the token routes' resolution and acquisition, then the outbound call (spec C.4). */
@Module({
  imports: [ValidationModule, TokenModule],
  controllers: [DownstreamApiController, DownstreamApiUnauthenticatedController],
  providers: [
    DownstreamApiService,
    DownstreamCall,
    DownstreamMetrics,
    { provide: DownstreamHttpClient, useClass: UndiciDownstreamHttpClient },
  ],
  exports: [DownstreamApiService],
})
export class DownstreamModule {}
