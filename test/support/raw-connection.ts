import { connect, type Socket } from 'node:net';

/** A plain TCP connection to a listener, recording what the server sends and when it closes. */
export interface RawConnection {
  readonly socket: Socket;
  /** `performance.now()` when the connection was established. */
  readonly openedAt: number;
  /** Everything the server has sent so far, as latin1 text. */
  received(): string;
  /** Milliseconds from opening until the server closed the connection, or undefined if it is still open. */
  closedAfter(): number | undefined;
  /** Waits up to `withinMs` for the server to close; resolves with `closedAfter()`. */
  waitForClose(withinMs: number): Promise<number | undefined>;
  /** Waits up to `withinMs` for `received()` to hold `count` whole HTTP responses (Content-Length bodies). */
  waitForResponses(count: number, withinMs: number): Promise<string[]>;
  /** Writes `chunk` every `everyMs` until the connection closes; returns a function that stops it. */
  drip(chunk: string, everyMs: number): () => void;
}

/** Opens a connection to 127.0.0.1:`port`. */
export function openConnection(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let closedAt: number | undefined;
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    // A reset is a close too; the tests look at when and what, not how.
    socket.on('error', () => undefined);
    socket.once('close', () => (closedAt = performance.now()));
    socket.once('error', reject);
    socket.once('connect', () => {
      const openedAt = performance.now();
      const closedAfter = () => (closedAt === undefined ? undefined : closedAt - openedAt);
      resolve({
        socket,
        openedAt,
        received: () => text,
        closedAfter,
        waitForClose: (withinMs) => waitFor(() => closedAt !== undefined, withinMs).then(closedAfter),
        waitForResponses: async (count, withinMs) => {
          await waitFor(() => splitResponses(text).length >= count || closedAt !== undefined, withinMs);
          return splitResponses(text);
        },
        drip: (chunk, everyMs) => {
          const timer = setInterval(() => {
            if (socket.destroyed) clearInterval(timer);
            else socket.write(chunk);
          }, everyMs);
          return () => clearInterval(timer);
        },
      });
    });
  });
}

/** Status code of a raw HTTP response. */
export function statusOf(response: string): number {
  return Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);
}

/** A header of a raw HTTP response (first occurrence, name case-insensitive). */
export function headerOf(response: string, name: string): string | undefined {
  const head = response.split('\r\n\r\n')[0];
  const line = head.split('\r\n').find((item) => item.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** Body of a raw HTTP response. */
export function bodyOf(response: string): string {
  return response.slice(response.indexOf('\r\n\r\n') + 4);
}

function splitResponses(text: string): string[] {
  const responses: string[] = [];
  let rest = text;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) return responses;
    const length = Number(headerOf(rest.slice(0, headEnd), 'content-length') ?? 0);
    const end = headEnd + 4 + length;
    if (rest.length < end) return responses;
    responses.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
}

async function waitFor(done: () => boolean, withinMs: number): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!done() && performance.now() < deadline) await new Promise((wait) => setTimeout(wait, 20));
}
