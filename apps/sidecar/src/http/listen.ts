import type { HostSettings, ListenAddress } from '@app/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestDrain } from './drain';
import { answerClientError } from './client-errors';
import { capConnections, sidecarServerOptions } from './server-limits';

/** What the sidecar ended up listening on; `close()` stops the extra listeners. */
export interface Listening {
  urls: string[];
  /** Lets the requests of every listener finish, then stops them all (see `RequestDrain.drain`). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/** One socket to listen on; `localhost` becomes two of them. */
interface Socket {
  readonly address: ListenAddress;
  /** The IPv6 loopback of `localhost`: skipped where the kernel has no IPv6, as Kestrel does. */
  readonly optional?: boolean;
  /** Listen on the port the previous socket got (`localhost:0` gets one port on both loopbacks). */
  readonly previousPort?: boolean;
}

/**
 * Listens on every configured address. Fastify owns one server; further addresses (ASPNETCORE_URLS may
 * list several, and `localhost` means both loopbacks) get their own node:http servers that hand requests to the
 * same Fastify router, under the same limits, connection count and drain.
 */
export async function listenOnAll(app: NestFastifyApplication, host: HostSettings): Promise<Listening> {
  const [first, ...rest] = host.listenAddresses.flatMap(socketsOf);
  const requests = createRequestDrain();
  requests.track(app.getHttpServer());
  await listenPrimary(app, first.address);
  let bound = app.getHttpServer().address() as AddressInfo;
  const urls = [urlOf(first.address, bound)];
  const extra: Server[] = [];
  const instance = app.getHttpAdapter().getInstance();
  for (const { address, optional, previousPort } of rest) {
    const server = createServer(sidecarServerOptions(host), (req, res) => instance.routing(req, res));
    server.on('clientError', answerClientError);
    capConnections(instance, server, host.maxConcurrentConnections);
    requests.track(server);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject).listen(previousPort ? bound.port : address.port, address.host, resolve);
      });
    } catch (error) {
      if (optional && isAddressUnavailable(error)) continue;
      throw error;
    }
    extra.push(server);
    bound = server.address() as AddressInfo;
    urls.push(urlOf(address, bound));
  }
  return {
    urls,
    drain: () => requests.drain(),
    close: () => Promise.all(extra.map((server) => closeServer(server))).then(() => undefined),
  };
}

// Kestrel binds `localhost` to 127.0.0.1 and ::1 itself, whatever the name resolves to on the machine.
function socketsOf(address: ListenAddress): Socket[] {
  if (address.host !== 'localhost') return [{ address }];
  return [
    { address: { ...address, host: '127.0.0.1' } },
    { address: { ...address, host: '::1' }, optional: true, previousPort: true },
  ];
}

// "All interfaces" means dual-stack `::`; where the kernel has no IPv6, fall back to IPv4 only.
async function listenPrimary(app: NestFastifyApplication, address: ListenAddress): Promise<void> {
  try {
    await app.listen(address.port, address.host);
  } catch (error) {
    if (address.host !== '::' || !isAddressUnavailable(error)) throw error;
    await app.listen(address.port, '0.0.0.0');
  }
}

function isAddressUnavailable(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EAFNOSUPPORT' || code === 'EADDRNOTAVAIL';
}

function urlOf(address: ListenAddress, bound: AddressInfo): string {
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return `http://${host}:${bound.port}`;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}
