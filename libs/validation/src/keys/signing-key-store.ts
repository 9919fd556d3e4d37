import { azureAdConfig, sidecarConfig } from '@app/config';
import { OBSERVABILITY_LOGGER } from '@app/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Logger } from 'pino';
import { type JwksFetchReason, ValidationMetrics } from '../validation.metrics';
import { type AuthorityMetadata, loadAuthorityMetadata } from './authority-metadata';
import type { SigningKey } from './signing-key';

/** How long a first request waits for the initial metadata load before it is refused. */
const FIRST_LOAD_WAIT_MS = 10_000;
/** Until the first load succeeds: retry this often (requests never trigger more fetches than this either). */
const NOT_LOADED_RETRY_MS = 5_000;
/** Node timers overflow above 2^31-1 ms (about 24.8 days) and would then fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The authority's issuers and signing keys (decisions §3). Policies:
 * - warm-up in the background at bootstrap: startup never waits on, or fails because of, the authority;
 * - scheduled refresh; a failed refresh keeps the last good metadata for as long as the authority is down;
 * - an unknown `kid` refetches at once, then at most once per cooldown counted from the last unknown-kid
 *   refetch, however many requests ask (one fetch in flight at a time, shared by every caller).
 */
@Injectable()
export class SigningKeyStore implements OnApplicationBootstrap, OnModuleDestroy {
  private metadata?: AuthorityMetadata;
  private keysByKid = new Map<string, SigningKey>();
  private inFlight?: Promise<boolean>;
  private lastUnknownKidRefetch = Number.NEGATIVE_INFINITY;
  private timer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private readonly keysRemovedListeners: (() => void)[] = [];
  private readonly logger: Logger;

  constructor(
    @Inject(azureAdConfig.KEY) private readonly azureAd: ConfigType<typeof azureAdConfig>,
    @Inject(sidecarConfig.KEY) private readonly sidecar: ConfigType<typeof sidecarConfig>,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
    private readonly metrics: ValidationMetrics,
  ) {
    this.logger = logger.child({ component: 'signing-keys' });
  }

  onApplicationBootstrap(): void {
    void this.refresh('startup');
    this.timer = setInterval(
      () => void this.refresh('scheduled'),
      Math.min(this.sidecar.validation.jwksRefreshIntervalMs, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    clearTimeout(this.retryTimer);
  }

  /** True once metadata and keys have been loaded at least once (readiness). */
  get loaded(): boolean {
    return this.metadata !== undefined;
  }

  /** Called whenever a refresh drops a key, so results verified with it are forgotten. */
  onKeysRemoved(listener: () => void): void {
    this.keysRemovedListeners.push(listener);
  }

  /** The current metadata; the first callers wait (bounded) for the initial load. */
  async current(): Promise<AuthorityMetadata | undefined> {
    if (this.metadata) return this.metadata;
    // While the authority has never answered, requests share one attempt per retry period instead of
    // each starting a fetch of its own.
    if (!this.inFlight && Date.now() - this.lastAttempt < NOT_LOADED_RETRY_MS) return undefined;
    const load = this.inFlight ?? this.refresh('startup');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, FIRST_LOAD_WAIT_MS);
    });
    await Promise.race([load, timeout]);
    clearTimeout(timer);
    return this.metadata;
  }

  /** The current metadata when already loaded (no waiting): the hot path. */
  get snapshot(): AuthorityMetadata | undefined {
    return this.metadata;
  }

  /** Looks a key up by `kid` in the current set. */
  findKey(kid: string): SigningKey | undefined {
    return this.keysByKid.get(kid);
  }

  /** Unknown-kid refetch under the cooldown policy; resolves once the keys are as fresh as allowed. */
  async refetchForUnknownKid(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      return;
    }
    const now = Date.now();
    if (now - this.lastUnknownKidRefetch < this.sidecar.validation.unknownKidRefreshCooldownMs) return;
    this.lastUnknownKidRefetch = now;
    await this.refresh('unknown_kid');
  }

  private refresh(reason: JwksFetchReason): Promise<boolean> {
    this.inFlight ??= this.load(reason).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async load(reason: JwksFetchReason): Promise<boolean> {
    const { instance, tenantId } = this.azureAd;
    this.lastAttempt = Date.now();
    try {
      const metadata = await loadAuthorityMetadata(instance, tenantId);
      this.install(metadata);
      this.metrics.fetched(reason, true);
      return true;
    } catch (error) {
      this.metrics.fetched(reason, false);
      // Last good metadata keeps serving; the message names URLs only, never tokens.
      this.logger.warn(
        { reason, err: error instanceof Error ? error.message : String(error), kept: this.loaded },
        'Could not load the authority metadata and signing keys',
      );
      if (!this.loaded) this.scheduleRetry();
      return false;
    }
  }

  // The scheduled refresh may be hours away: until a first load succeeds, try again every few seconds.
  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.refresh('startup');
    }, NOT_LOADED_RETRY_MS);
    this.retryTimer.unref();
  }

  private install(metadata: AuthorityMetadata): void {
    const previous = this.metadata?.keys ?? [];
    const byKid = new Map<string, SigningKey>();
    for (const key of metadata.keys) {
      if (key.kid !== undefined) byKid.set(key.kid, key);
      if (key.x5t !== undefined && !byKid.has(key.x5t)) byKid.set(key.x5t, key);
    }
    this.metadata = metadata;
    this.keysByKid = byKid;
    const removed = previous.some((key) => !metadata.keys.some((next) => next.key.equals(key.key)));
    if (removed) for (const listener of this.keysRemovedListeners) listener();
  }
}
