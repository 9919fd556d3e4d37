import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { Server } from 'node:net';
import type { OutboundLimits } from '@app/downstream';

// Real loopback servers that record what they received, closed after each test (the downstream HTTP
// client's specs).

/** Outbound limits small enough for tests to hit them quickly. */
export const TEST_OUTBOUND_LIMITS: OutboundLimits = {
  connectTimeoutMs: 2_000,
  requestTimeoutMs: 5_000,
  maxResponseBodyBytes: 1_024,
  followRedirects: false,
};

/** What a test server received. */
export interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: Buffer;
  remotePort: number;
}

/** Servers to close after the current test. */
export const servers: Server[] = [];

/** Closes every server the test started. */
export const closeServers = async (): Promise<void> => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
};

/** A real loopback server that records what it received and answers with `respond`. */
export async function serve(respond: (req: IncomingMessage, res: ServerResponse) => void) {
  const received: Received[] = [];
  const handler: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method!,
        url: req.url!,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort!,
      });
      respond(req, res);
    });
  };
  const server = createServer(handler);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  const { port } = server.address() as { port: number };
  return { url: new URL(`http://127.0.0.1:${port}`), received };
}
