import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthorityUnavailableError, BearerTokenVerifier, InvalidTokenError } from './bearer-token';
import { DEFAULT_AUDIENCES } from './demo-api.constants';
import { challenge, sendJson } from './http-responses';
import { decidePermission } from './permissions';
import { describeCaller, forecast } from './weather';

/** How to start the demo API. */
export interface DemoApiOptions {
  /** Authority whose tokens are accepted, e.g. `https://localhost:5443/{tenant}/v2.0`. */
  readonly authority: string;
  /** Accepted `aud` values. @default the demo downstream API's identifier URI and client id */
  readonly audiences?: readonly string[];
  /** Port on 127.0.0.1. @default 0 (ephemeral) */
  readonly port?: number;
  /** One call per request (method, path, status, caller oid); never tokens. @default no logging */
  readonly log?: (entry: Record<string, unknown>) => void;
}

/** A running demo API. */
export interface DemoApi {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  close(): Promise<void>;
}

const WEATHER_PATHS = new Set(['/', '/weather', '/weatherforecast']);

async function weather(
  verifier: BearerTokenVerifier,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<string | undefined> {
  try {
    const claims = await verifier.verify(request.headers.authorization);
    const oid = typeof claims.oid === 'string' ? claims.oid : undefined;
    const decision = decidePermission(claims);
    if (!decision.allowed) {
      const headers = { 'www-authenticate': challenge('insufficient_scope', decision.reason) };
      sendJson(response, 403, { error: 'insufficient_scope', message: decision.reason }, headers);
      return oid;
    }
    const caller = describeCaller(claims);
    sendJson(response, 200, { caller, grantedBy: decision.grantedBy, forecast: forecast(new Date()) });
    return oid;
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      const header = error.credentialsPresent ? challenge('invalid_token', error.reason) : challenge();
      sendJson(
        response,
        401,
        { error: 'invalid_token', message: error.reason },
        { 'www-authenticate': header },
      );
    } else if (error instanceof AuthorityUnavailableError) {
      sendJson(
        response,
        503,
        { error: 'temporarily_unavailable', message: error.message },
        { 'retry-after': '5' },
      );
    } else {
      throw error;
    }
    return undefined;
  }
}

async function route(
  verifier: BearerTokenVerifier,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<string | undefined> {
  if (path === '/healthz') {
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end('Healthy');
    return undefined;
  }
  if (!WEATHER_PATHS.has(path)) {
    sendJson(response, 404, { error: 'not_found', message: `No route ${path}.` });
    return undefined;
  }
  if (request.method !== 'GET') {
    sendJson(response, 405, { error: 'method_not_allowed', message: 'Use GET.' }, { allow: 'GET' });
    return undefined;
  }
  return weather(verifier, request, response);
}

// Every request ends in an answer and one log entry; an unexpected error is a bare 500, never a crash.
async function handle(
  verifier: BearerTokenVerifier,
  request: IncomingMessage,
  response: ServerResponse,
  log: DemoApiOptions['log'],
): Promise<void> {
  const started = performance.now();
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  let oid: string | undefined;
  try {
    oid = await route(verifier, request, response, path);
  } catch {
    if (response.headersSent) response.destroy();
    else sendJson(response, 500, { error: 'server_error' });
  }
  log?.({
    method: request.method,
    path,
    status: response.statusCode,
    oid,
    ms: Math.round(performance.now() - started),
  });
}

/**
 * A small Entra-protected downstream API: `GET /weather` (also `/weatherforecast` and `/`) for a bearer token
 * from the authority with `scp` Weather.Read or `roles` Weather.Read.All; the answer names the caller.
 */
export async function startDemoApi(options: DemoApiOptions): Promise<DemoApi> {
  const verifier = new BearerTokenVerifier(options.authority, options.audiences ?? DEFAULT_AUDIENCES);
  const server = createServer((request, response) => void handle(verifier, request, response, options.log));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
