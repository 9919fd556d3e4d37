import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the downstream API received: what the sidecar really sent. */
export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  /** Node's raw header list (name, value, …) in wire casing. */
  readonly rawHeaders: string[];
  readonly body: Buffer;
}

/** A real loopback HTTP server standing in for a downstream API. */
export interface DownstreamServer {
  readonly url: string;
  readonly received: ReceivedRequest[];
  /** Every value of a header in the i-th received request, case-insensitively. */
  header(index: number, name: string): string[];
  close(): Promise<void>;
}

/** Answers one request; the body has been read already. */
export type Responder = (req: IncomingMessage, res: ServerResponse, received: ReceivedRequest) => void;

/** Starts a server that records every request and answers with `respond` (default: 200 `{"result":"success"}`). */
export async function startDownstream(
  respond: Responder = json(200, { result: 'success' }),
): Promise<DownstreamServer> {
  const received: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://downstream');
      const entry = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      };
      received.push(entry);
      respond(req, res, entry);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    header: (index, name) => {
      const raw = received[index]?.rawHeaders ?? [];
      const values: string[] = [];
      for (let i = 0; i < raw.length; i += 2)
        if (raw[i].toLowerCase() === name.toLowerCase()) values.push(raw[i + 1]);
      return values;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A JSON answer. */
export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Responder =>
  (_req, res) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  };
