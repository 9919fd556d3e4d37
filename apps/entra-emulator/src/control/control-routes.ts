import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationInput } from '../config/config.schema';
import type { EntraEmulator } from '../emulator.types';
import { BodyTooLargeError, readBody, sendJson } from '../http/http-io';
import type { Fault } from './fault-injector';
import { parseMintRequest } from './mint-request.schema';
import type { RequestFilter, RequestKind } from './request-log';

export const CONTROL_PREFIX = '/_emulator/';

const FAULT_KINDS = new Set(['aadsts', 'status', 'outage', 'latency', 'garbage']);

class ControlRequestError extends Error {}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(request);
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new ControlRequestError('The body must be a JSON object.');
}

function filterFromQuery(query: URLSearchParams): RequestFilter {
  const value = (name: string): string | undefined => query.get(name) ?? undefined;
  return {
    grantType: value('grantType'),
    clientId: value('clientId'),
    tenant: value('tenant'),
    host: value('host'),
    path: value('path'),
    kind: value('kind') as RequestKind | undefined,
  };
}

/** JSON cannot say Infinity: `"Infinity"`, `null` or a negative number mean "until cleared". */
function faultFromBody(body: Record<string, unknown>): Fault {
  if (typeof body.kind !== 'string' || !FAULT_KINDS.has(body.kind)) {
    throw new ControlRequestError(`kind must be one of ${[...FAULT_KINDS].join(', ')}.`);
  }
  const times = body.times;
  const unlimited = times === 'Infinity' || times === null || (typeof times === 'number' && times < 0);
  return {
    ...(body as unknown as Fault),
    times: unlimited ? Infinity : typeof times === 'number' ? times : undefined,
  };
}

/** Mint body: the options, or the convenience `{ user, scope, client }` (same fields). */
async function mint(
  emulator: EntraEmulator,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const minted = await emulator.mintAccessTokenWithClaims(parseMintRequest(body));
  return {
    access_token: minted.accessToken,
    token_type: 'Bearer',
    expires_in: minted.expiresIn,
    claims: minted.claims,
  };
}

type ControlHandler = (
  emulator: EntraEmulator,
  request: IncomingMessage,
  url: URL,
) => Promise<[number, unknown]>;

const CONTROL_ROUTES: Record<string, ControlHandler> = {
  'GET requests': (emulator, _request, url) => {
    const requests = emulator.requests.list(filterFromQuery(url.searchParams));
    return Promise.resolve([200, { count: requests.length, totals: emulator.requests.totals(), requests }]);
  },
  'DELETE requests': (emulator) => {
    emulator.requests.reset();
    return Promise.resolve([204, undefined]);
  },
  'GET requests/last-token': (emulator, _request, url) =>
    Promise.resolve([200, emulator.requests.lastTokenRequest(filterFromQuery(url.searchParams)) ?? null]),
  'GET faults': (emulator) => Promise.resolve([200, emulator.faults.pending()]),
  'POST faults': async (emulator, request) => [
    201,
    emulator.faults.inject(faultFromBody(await readJson(request))),
  ],
  'DELETE faults': (emulator) => {
    emulator.faults.clear();
    return Promise.resolve([204, undefined]);
  },
  'GET keys': (emulator) => Promise.resolve([200, emulator.signingKeys]),
  'POST keys/rotate': async (emulator, request) => {
    const body = await readJson(request);
    return [200, await emulator.rotateSigningKey({ retainPrevious: body.retainPrevious !== false })];
  },
  'POST tokens': async (emulator, request) => [200, await mint(emulator, await readJson(request))],
  'POST applications': async (emulator, request) => [
    200,
    emulator.registerApplication((await readJson(request)) as unknown as ApplicationInput),
  ],
  'POST refresh-tokens/expire': (emulator) => {
    emulator.expireRefreshTokens();
    return Promise.resolve([204, undefined]);
  },
  'GET config': (emulator) =>
    Promise.resolve([
      200,
      {
        url: emulator.url,
        authority: emulator.authority(),
        caCertPath: emulator.caCertPath,
        managedIdentity: emulator.managedIdentity,
        config: emulator.config,
      },
    ]),
};

/** The test-facing control API under `/_emulator/` (JSON in, JSON out; loopback only, like the emulator). */
export async function handleControlRequest(
  emulator: EntraEmulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const key = `${request.method ?? 'GET'} ${url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, '')}`;
  const handler = CONTROL_ROUTES[key];
  if (!handler) {
    sendJson(response, 404, { error: 'not_found', error_description: `No control endpoint '${key}'.` });
    return;
  }
  try {
    const [status, body] = await handler(emulator, request, url);
    if (status === 204) {
      response.writeHead(204).end();
      return;
    }
    sendJson(response, status, body);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      sendJson(response, 413, { error: 'invalid_request', error_description: 'The body is too large.' });
      return;
    }
    // Bad control input (unknown user, invalid fault…) is the caller's mistake: say what it was.
    const message = error instanceof Error ? error.message : 'Invalid request.';
    sendJson(response, 400, { error: 'invalid_request', error_description: message });
  }
}
