/** One outbound request, fully built: the client adds nothing but framing (Host, Content-Length). */
export interface OutboundRequest {
  readonly url: URL;
  readonly method: string;
  /** Header name → value, names as they should appear on the wire. */
  readonly headers: Readonly<Record<string, string>>;
  /** Sent byte for byte; undefined = no body. */
  readonly body?: Buffer;
}

/** Per-call limits (from `Sidecar:Downstream:*` and `Sidecar:AllowOutboundRedirects`). */
export interface OutboundLimits {
  readonly connectTimeoutMs: number;
  /** Deadline for the whole exchange, redirects included, up to the last body byte. */
  readonly requestTimeoutMs: number;
  readonly maxResponseBodyBytes: number;
  readonly followRedirects: boolean;
}

/** The final downstream answer, body fully read. */
export interface OutboundResponse {
  readonly statusCode: number;
  /** Node's `rawHeaders`: name, value, name, value… in wire order and casing. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/**
 * Port for the outbound HTTP exchange, so a test can stand a different transport in. Implementations
 * reject with `DownstreamTransportError` for network failures, timeouts and over-size bodies.
 */
export abstract class DownstreamHttpClient {
  abstract send(request: OutboundRequest, limits: OutboundLimits): Promise<OutboundResponse>;
}
