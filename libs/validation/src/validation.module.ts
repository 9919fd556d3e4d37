import { Global, Module } from '@nestjs/common';
import { TokenDecryptor } from './decryption/token-decryptor';
import { BearerAuthGuard } from './guards/bearer-auth.guard';
import { OptionalBearerAuthGuard } from './guards/optional-bearer-auth.guard';
import { ValidateAuthGuard } from './guards/validate-auth.guard';
import { InboundTokenValidator } from './inbound-token.validator';
import { SigningKeyStore } from './keys/signing-key-store';
import { ValidateAnswers } from './validate/validate-answers';
import { ValidateCachedAnswers } from './validate/validate.cached-answers';
import { ValidateController } from './validate/validate.controller';
import { ValidationHealth } from './validation.health';
import { ValidationMetrics } from './validation.metrics';

/**
 * Inbound token validation: the validator, the two guards, the signing-key store and `GET /Validate` (with
 * its cached answers and its own guard, which hands `Authorization: PoP` to a `SignedRequestValidator` when
 * a module provides one).
 * Global, so any feature module can put the guards on its routes without re-importing it.
 */
@Global()
@Module({
  controllers: [ValidateController],
  providers: [
    ValidationMetrics,
    SigningKeyStore,
    TokenDecryptor,
    InboundTokenValidator,
    BearerAuthGuard,
    OptionalBearerAuthGuard,
    ValidateAuthGuard,
    ValidationHealth,
    ValidateAnswers,
    ValidateCachedAnswers,
  ],
  exports: [InboundTokenValidator, BearerAuthGuard, OptionalBearerAuthGuard],
})
export class ValidationModule {}
