import type { RequestKind } from '../control/request-log';

/** What a route handler answers with. */
export interface HandlerResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

/** The parsed request a route handler sees. */
export interface RouteRequest {
  readonly url: URL;
  readonly form: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
}

/** A matched route: how to record the request, and how to answer it. */
export interface Route {
  readonly kind: RequestKind;
  readonly tenant?: string;
  /** Recorded as the grant type when the request has no `grant_type` field (managed identity). */
  readonly grantType?: string;
  readonly handle: (request: RouteRequest) => Promise<HandlerResult>;
}

export const ok = (body: unknown): HandlerResult => ({ status: 200, body });
