import { type PopValidationSettings, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { SidecarError } from '@app/problem-details';
import { DISTRIBUTED_TOKEN_STORE, type DistributedTokenStore } from '@app/token-core';
import { InboundTokenValidator, SignedRequestValidator, type ValidatedToken } from '@app/validation';
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { checkAppOnly } from './checks/app-only.check';
import { confirmationKey } from './checks/confirmation-key.check';
import { checkRequestBinding } from './checks/request-binding.check';
import { checkShrHeader } from './checks/shr-header.check';
import { checkShrSignature } from './checks/shr-signature.check';
import { checkTimestamp } from './checks/timestamp.check';
import { originalRequest } from './original-request';
import { popCredential } from './pop-credential';
import { ReplayGuard } from './replay/replay-guard';
import { replayKey } from './replay/replay-key';
import { parseSignedHttpRequest } from './signed-http-request';
import { refuse, SignedRequestRejection, unauthenticated } from './signed-request.errors';
import { SignedRequestMetrics } from './signed-request.metrics';

/**
 * `Authorization: PoP <signed HTTP request>` on `GET /Validate` (spec G.7), one named check after another:
 * credential → original-method/original-uri → parse → header (typ, alg) → embedded `at` by every Bearer
 * rule → app-only → confirmation key (`cnf`) → signature → `ts` → `m`/`u`/`p`/`q` → replay (when on).
 * Every failure is a 401 with the PoP challenge, its reason logged (never the SHR or the token).
 */
@Injectable()
export class SignedHttpRequestValidator extends SignedRequestValidator {
  private readonly settings: PopValidationSettings;
  private readonly maxTokenLength: number;
  private readonly clockSkewMs: number;
  private readonly replays: ReplayGuard | undefined;
  private readonly logger: Logger;

  constructor(
    @Inject(sidecarConfig.KEY) sidecar: ConfigType<typeof sidecarConfig>,
    private readonly tokens: InboundTokenValidator,
    private readonly metrics: SignedRequestMetrics,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
    @Optional() @Inject(DISTRIBUTED_TOKEN_STORE) store?: DistributedTokenStore,
  ) {
    super();
    this.settings = sidecar.popValidation;
    this.maxTokenLength = sidecar.validation.maxTokenLength;
    this.clockSkewMs = sidecar.validation.clockSkewMs;
    this.logger = logger.child({ component: 'signed-request' });
    this.replays = this.settings.replayProtection ? this.replayGuard(store) : undefined;
  }

  async validate(request: FastifyRequest): Promise<ValidatedToken> {
    try {
      const token = await this.validateRequest(request);
      this.metrics.valid();
      return token;
    } catch (error) {
      throw this.refused(error, request.id);
    }
  }

  private async validateRequest(request: FastifyRequest): Promise<ValidatedToken> {
    const credential = popCredential(request.raw, this.maxTokenLength);
    const original = originalRequest(request.raw);
    const signed = parseSignedHttpRequest(credential);
    const alg = checkShrHeader(signed.header);
    const accessToken = await this.embeddedToken(signed.payload);
    checkAppOnly(accessToken.claims);
    const key = confirmationKey(accessToken.claims, signed);
    await checkShrSignature(signed, alg, key);
    const nowMs = Date.now();
    const expiresAtMs = checkTimestamp(
      signed.payload,
      nowMs,
      this.settings.signedHttpRequestLifetimeMs,
      this.clockSkewMs,
    );
    checkRequestBinding(signed.payload, original, this.settings);
    // Last, so only a request that passed every check can claim its nonce: a forged one cannot use it up.
    if (this.replays !== undefined) {
      const first = await this.replays.firstUse(
        replayKey(signed.payload, signed.compact, key.thumbprint),
        expiresAtMs,
        nowMs,
      );
      if (!first) throw refuse('REPLAYED', 'The signed HTTP request was already used.');
    }
    return Object.freeze({
      protocol: 'PoP',
      token: accessToken.token,
      assertion: accessToken.assertion,
      claims: accessToken.claims,
    });
  }

  /** The `at` claim by every Bearer rule (issuer, audience, keys, lifetime, decryption, the verified-token cache). */
  private async embeddedToken(payload: Readonly<Record<string, unknown>>): Promise<ValidatedToken> {
    if (typeof payload.at !== 'string' || payload.at === '') {
      throw refuse('ACCESS_TOKEN_MISSING', "The signed HTTP request has no 'at' claim.");
    }
    try {
      return await this.tokens.validateToken(payload.at);
    } catch (error) {
      if (!(error instanceof SidecarError) || error.code !== 'UNAUTHENTICATED') throw error;
      throw refuse(
        'ACCESS_TOKEN_INVALID',
        `The access token in the signed HTTP request is invalid: ${error.detail}`,
      );
    }
  }

  // A refusal is logged with its reason at Information, as the reference logs PoP failures; anything else is a
  // fault of ours, logged by name only (a message could quote the request), and still a 401, never a 5xx.
  private refused(error: unknown, correlationId: string): SidecarError {
    if (error instanceof SignedRequestRejection) {
      this.metrics.rejected(error.reason);
      this.logger.info(
        { event: 'SignedRequestRejected', correlationId, reason: error.reason, detail: error.detail },
        'Signed HTTP request refused',
      );
      return unauthenticated(error.detail);
    }
    this.metrics.rejected('unexpected');
    this.logger.error(
      {
        event: 'SignedRequestFailed',
        correlationId,
        error: error instanceof Error ? error.name : typeof error,
      },
      'Signed HTTP request validation failed unexpectedly',
    );
    return unauthenticated('The signed HTTP request could not be validated.');
  }

  private replayGuard(store: DistributedTokenStore | undefined): ReplayGuard {
    let warnedEviction = false;
    return new ReplayGuard(
      this.settings.replayCacheSize,
      {
        evictedEarly: () => {
          this.metrics.evictedEarly();
          if (warnedEviction) return;
          warnedEviction = true;
          this.logger.warn(
            { event: 'SignedRequestReplayMemoryFull', replayCacheSize: this.settings.replayCacheSize },
            'Replay protection forgot signed requests before their lifetime ended; raise Sidecar:PopValidation:ReplayCacheSize.',
          );
        },
        // The store logs when Redis becomes unavailable and when it is back; nothing to add per request.
        storeUnavailable: () => undefined,
      },
      store,
    );
  }
}
