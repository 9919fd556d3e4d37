import type { ErrorCode } from './error-codes';

/** Extra, transport-free facts an error may carry to the HTTP edge. */
export interface SidecarErrorOptions {
  /** The underlying error; logged for 5xx codes, never returned to the caller. */
  cause?: unknown;
  /** RFC 6750 challenge for 401 answers, e.g. `Bearer error="invalid_token"`. */
  challenge?: string;
  /** Methods a known path accepts, for 405 answers. */
  allowedMethods?: readonly string[];
}

/**
 * The one error type features throw. It names what went wrong with a stable code and a caller-facing
 * detail; which HTTP status that becomes is decided in exactly one place (`statusForCode`).
 */
export class SidecarError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly challenge?: string;
  readonly allowedMethods?: readonly string[];

  constructor(code: ErrorCode, detail: string, options: SidecarErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SidecarError';
    this.code = code;
    this.detail = detail;
    this.challenge = options.challenge;
    this.allowedMethods = options.allowedMethods;
  }
}
