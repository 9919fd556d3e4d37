import type { Directory } from './config/directory';
import type { FaultInjector } from './control/fault-injector';
import type { RequestLog } from './control/request-log';
import type { EmulatorUrls } from './tokens/emulator-urls';
import type { RefreshTokenStore } from './tokens/refresh-tokens';
import type { SigningKeyRing } from './tokens/signing-keys';
import type { TokenFactory } from './tokens/token-factory';

/** The state every handler works with; one per running emulator. */
export interface EmulatorContext {
  readonly directory: Directory;
  readonly keyRing: SigningKeyRing;
  readonly urls: EmulatorUrls;
  readonly tokens: TokenFactory;
  readonly refreshTokens: RefreshTokenStore;
  readonly requests: RequestLog;
  readonly faults: FaultInjector;
  readonly tokenLifetimeSeconds: number;
  readonly identityHeader: string;
  /** Seconds since the epoch. */
  now(): number;
}
