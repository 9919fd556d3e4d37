import type { HostSettings, ListenAddress } from '@app/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequestDrain } from './drain';
import { capConnections, sidecarServerOptions } from './server-limits';

/** What the sidecar ended up listening on; `close()` stops the extra listeners. */
export interface Listening {
  urls: string[];
  /** Lets the requests of every listener finish, then stops them all (see `RequestDrain.drain`). */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Listens on every configured address. Fastify owns one server; further addresses (ASPNETCORE_URLS may
 * list several) get their own node:http servers that hand requests to the same Fastify router.
 */
export async function listenOnAll(app: NestFastifyApplication, host: HostSettings): Promise<Listening> {
  const [first, ...rest] = host.listenAddresses;
  const requests = createRequestDrain();
  requests.track(app.getHttpServer());
  await listenPrimary(app, first);
  const urls = [urlOf(first, app.getHttpServer().address() as AddressInfo)];
  const extra: Server[] = [];
  const instance = app.getHttpAdapter().getInstance();
  for (const address of rest) {
    const server = createServer(sidecarServerOptions(host), (req, res) => instance.routing(req, res));
    capConnections(instance, server, host.maxConcurrentConnections);
    requests.track(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject).listen(address.port, address.host, () => resolve());
    });
    extra.push(server);
    urls.push(urlOf(address, server.address() as AddressInfo));
  }
  return {
    urls,
    drain: () => requests.drain(),
    close: () => Promise.all(extra.map((server) => closeServer(server))).then(() => undefined),
  };
}

// "All interfaces" means dual-stack `::`; where the kernel has no IPv6, fall back to IPv4 only.
async function listenPrimary(app: NestFastifyApplication, address: ListenAddress): Promise<void> {
  try {
    await app.listen(address.port, address.host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (address.host !== '::' || (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL')) throw error;
    await app.listen(address.port, '0.0.0.0');
  }
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
