import { Agent, request } from 'node:http';
import type { FuzzInput } from './fuzz-inputs';

/** What the sidecar answered, or how the exchange failed. */
export interface FuzzAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** Set when no answer came back (reset, timeout): never expected. */
  readonly failure?: string;
}

/** Sends fuzzed requests over a few keep-alive connections, each bounded in time. */
export class FuzzClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: URL,
    connections: number,
    private readonly timeoutMs: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  send(input: FuzzInput): Promise<FuzzAnswer> {
    return new Promise((resolve) => {
      const failed = (failure: string) => resolve({ status: 0, headers: {}, body: Buffer.alloc(0), failure });
      let outgoing;
      try {
        outgoing = request({
          host: this.baseUrl.hostname,
          port: this.baseUrl.port,
          method: input.method,
          path: input.path,
          // Node's client sends a GET or DELETE body without Content-Length: the server would read it as the
          // next request on the connection. Framing is not what is fuzzed here, so every body is framed.
          headers:
            input.body === undefined
              ? input.headers
              : { ...input.headers, 'content-length': input.body.length },
          agent: this.agent,
          timeout: this.timeoutMs,
        });
      } catch (error) {
        // Node refused to send it: a generator bug, reported like any failure so it gets fixed.
        failed(`not sent: ${(error as Error).message}`);
        return;
      }
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${this.timeoutMs} ms`)));
      outgoing.on('error', (error) => failed(error.message));
      outgoing.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => failed(error.message));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      outgoing.end(input.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
