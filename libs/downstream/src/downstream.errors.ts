/** Why an outbound exchange failed; each becomes its own `DOWNSTREAM_*` error code at the service. */
export type DownstreamFailureKind = 'unreachable' | 'timeout' | 'too-large';

/**
 * A transport failure of one downstream exchange, free of HTTP-answer concerns. The message names the
 * limit or network error but never the URL's query or any header (they may carry secrets).
 */
export class DownstreamTransportError extends Error {
  readonly kind: DownstreamFailureKind;

  constructor(kind: DownstreamFailureKind, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DownstreamTransportError';
    this.kind = kind;
  }
}
