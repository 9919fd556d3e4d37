import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControlRequest } from './control/control-routes';
import type { EmulatorContext } from './emulator-context';
import type { EntraEmulator } from './emulator.types';
import type { SniCallback } from './tls/loopback-name-certificates';
import { matchEntraRoute } from './http/emulator-routes';
import { answerUnexpected, runRoute } from './http/request-pipeline';
import { matchManagedIdentityRoute } from './managed-identity/managed-identity-routes';

// Loopback only: the emulator is a development tool and must never be reachable from elsewhere.
const LOOPBACK = '127.0.0.1';

/**
 * What the servers answer with. It exists only once both servers listen (URLs need the ports), so it is
 * filled in after `listen`; a request arriving earlier gets a 503.
 */
export interface ServerState {
  context?: EmulatorContext;
  emulator?: EntraEmulator;
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function notReady(response: ServerResponse): void {
  response.writeHead(503, { 'retry-after': '1' }).end();
}

/** The HTTPS server: Entra endpoints, plus the control API under `/_emulator/`. */
export function createEntraServer(
  tls: { key: string; cert: string; SNICallback: SniCallback },
  state: ServerState,
): Server {
  return createHttpsServer(tls, (request: IncomingMessage, response: ServerResponse) => {
    const { context, emulator } = state;
    if (!context || !emulator) return notReady(response);
    const url = new URL(request.url ?? '/', context.urls.base);
    const work = url.pathname.startsWith(CONTROL_PREFIX)
      ? handleControlRequest(emulator, request, response, url)
      : runRoute(
          context,
          matchEntraRoute(context, request.method ?? 'GET', url.pathname),
          request,
          response,
          url,
        );
    work.catch((error: unknown) => answerUnexpected(context, response, error));
  });
}

/** The plain-HTTP managed-identity server (App Service and IMDS shapes). */
export function createManagedIdentityServer(state: ServerState): Server {
  return createHttpServer((request, response) => {
    const { context } = state;
    if (!context) return notReady(response);
    const url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    const route = matchManagedIdentityRoute(context, request.method ?? 'GET', url.pathname);
    runRoute(context, route, request, response, url).catch((error: unknown) =>
      answerUnexpected(context, response, error),
    );
  });
}
