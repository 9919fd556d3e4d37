import { PopTokenAcquirer, TokenCoreModule } from '@app/token-core';
import { SignedRequestValidator } from '@app/validation';
import { Global, Module } from '@nestjs/common';
import { SignedHttpRequestValidator } from './inbound/signed-http-request.validator';
import { SignedRequestMetrics } from './inbound/signed-request.metrics';
import { ClientCredentialsPopAcquirer } from './outbound/client-credentials-pop.acquirer';

/**
 * Proof-of-possession (spec F.5, G.7): `pop` tokens bound to a caller's key out, signed HTTP requests in.
 * Global, because it fills ports that the token core and validation declare and cannot import from here:
 * the one-way module graph puts this lib above both.
 */
@Global()
@Module({
  imports: [TokenCoreModule],
  providers: [
    SignedRequestMetrics,
    { provide: PopTokenAcquirer, useClass: ClientCredentialsPopAcquirer },
    { provide: SignedRequestValidator, useClass: SignedHttpRequestValidator },
  ],
  exports: [PopTokenAcquirer, SignedRequestValidator],
})
export class SignedRequestModule {}
