import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * How long no request may have run before a draining sidecar stops listening. Long enough to bridge the pauses of
 * an application that is still finishing its own work (a token, its own processing, then a downstream call);
 * short enough that a sidecar whose application has already stopped (as Kubernetes stops a native sidecar only
 * after the application) exits about a second after the signal.
 */
export const DRAIN_QUIET_PERIOD_MS = 1_000;

// Probes and scrapes are answered during the drain but are not the application's work: a readiness probe every
// second must not keep the sidecar up until the deadline.
const NOT_WORK = /^\/(?:healthz|metrics)(?:[/?]|$)/i;

/** Follows the requests of every listener so that a shutdown lets them finish. */
export interface RequestDrain {
  /** Follows the requests of `server`; call it before the server listens. */
  track(server: Server): void;
  /**
   * Drains: requests in flight finish and new ones are still served, each answer closing its connection, and
   * idle keep-alive connections are closed. Once no request has run for the quiet period the listeners stop;
   * resolves when their last connection has closed, so that nothing is left for module teardown to cut.
   */
  drain(): Promise<void>;
}

/** A drain for the servers given to `track`. Costs two set operations and one listener per request. */
export function createRequestDrain(quietPeriodMs = DRAIN_QUIET_PERIOD_MS): RequestDrain {
  const servers: Server[] = [];
  const open = new Set<ServerResponse>();
  const work = new Set<ServerResponse>();
  let state: 'serving' | 'draining' | 'stopping' = 'serving';
  let quietTimer: NodeJS.Timeout | undefined;
  let quiet = (): void => undefined;

  const waitForQuiet = (): void => {
    clearTimeout(quietTimer);
    if (work.size === 0) quietTimer = setTimeout(quiet, quietPeriodMs);
  };

  function started(req: IncomingMessage, res: ServerResponse): void {
    open.add(res);
    if (!NOT_WORK.test(req.url ?? '')) {
      work.add(res);
      clearTimeout(quietTimer);
    }
    if (state !== 'serving') closeAfterAnswer(res);
    res.on('close', ended);
  }

  function ended(this: ServerResponse): void {
    open.delete(this);
    if (work.delete(this) && state === 'draining') waitForQuiet();
    // A connection whose answer began before the drain could not be told to close; close it once idle.
    if (state === 'stopping') for (const server of servers) server.closeIdleConnections();
  }

  return {
    track(server) {
      servers.push(server);
      server.prependListener('request', started);
    },
    async drain() {
      state = 'draining';
      for (const res of open) closeAfterAnswer(res);
      for (const server of servers) server.closeIdleConnections();
      await new Promise<void>((resolve) => {
        quiet = resolve;
        waitForQuiet();
      });
      state = 'stopping';
      await Promise.all(servers.map(stopListening));
    },
  };
}

// Node ends the connection after an answer that carries `Connection: close`, and the client knows not to reuse it.
function closeAfterAnswer(res: ServerResponse): void {
  if (!res.headersSent) res.setHeader('connection', 'close');
}

// `close()` stops accepting connections, closes the idle ones, and calls back once the last one has closed.
function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
