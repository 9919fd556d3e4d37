import 'reflect-metadata';
import { ConfigurationError, loadConfiguration } from '@app/config';
import { ShutdownHealth } from '@app/health';
import { listenOnAll } from './http/listen';
import { createSidecarApp } from './sidecar-app';

/**
 * Starts the sidecar as `node dist/apps/sidecar/main.js` runs it: configuration, application, listeners and the
 * shutdown on SIGTERM/SIGINT. Exits the process when it cannot start.
 */
export function start(): void {
  bootstrap().catch((error: unknown) => {
    process.stderr.write(
      `The sidecar failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}

// Configuration errors are reported as plain lines on stderr, one per problem, before anything starts:
// an orchestrator shows the last lines of a crashed container, and that is where they must be readable.
async function bootstrap(): Promise<void> {
  let configuration;
  try {
    configuration = loadConfiguration();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`The sidecar cannot start: its configuration is invalid.\n${error.message}\n`);
    process.exit(1);
  }

  const { app, logger } = await createSidecarApp(configuration);
  const listening = await listenOnAll(app, configuration.settings.host);
  logger.info({
    msg: 'sidecar listening',
    urls: listening.urls,
    environment: configuration.settings.host.environment,
  });

  // On the signal: readiness goes down, the HTTP work drains (see http/drain.ts), and only then are the modules
  // torn down (outbound connection pools, Redis). Whatever still runs at the deadline is cut off with exit code 1.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ msg: 'shutting down', signal });
    setTimeout(() => {
      logger.error({ msg: 'shutdown deadline reached, exiting with requests still running' });
      process.exit(1);
    }, configuration.settings.host.shutdownTimeoutMs).unref();
    app.get(ShutdownHealth).shuttingDown();
    void listening
      .drain()
      .then(() => app.close())
      .then(
        () => {
          logger.flush();
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ msg: 'shutdown failed', err: error });
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
