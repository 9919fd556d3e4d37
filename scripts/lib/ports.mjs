// Port choice: the defaults (docker-compose.yml's), an explicit list, or `auto` (free ephemeral ports).
import { createServer } from 'node:net';
import { DEFAULT_PORTS } from './demo-config.mjs';

const NAMES = {
  sidecar: 'sidecar',
  emulator: 'Entra emulator',
  managedIdentity: 'managed identity',
  demoApi: 'demo API',
};

function probe(port) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject).listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}

/** `auto` → four free ports; `5000,5443,5444,5080` → those; undefined → the defaults. All checked free. */
export async function choosePorts(spec) {
  if (spec === 'auto') {
    const ports = {};
    for (const name of Object.keys(DEFAULT_PORTS)) {
      do ports[name] = await probe(0);
      while (Object.entries(ports).some(([other, port]) => other !== name && port === ports[name]));
    }
    return ports;
  }
  const ports = spec ? parseList(spec) : { ...DEFAULT_PORTS };
  for (const [name, port] of Object.entries(ports)) {
    try {
      await probe(port);
    } catch (error) {
      if (error.code !== 'EADDRINUSE' && error.code !== 'EACCES') throw error;
      throw new Error(
        `port ${port} (${NAMES[name]}) is already in use on 127.0.0.1 — is another demo running?\n` +
          '  Stop whatever uses it, or let the demo pick free ports: npm run demo -- --ports auto',
        { cause: error },
      );
    }
  }
  return ports;
}

function parseList(spec) {
  const values = spec.split(',').map(Number);
  if (values.length !== 4 || values.some((port) => !Number.isInteger(port) || port <= 0 || port > 65535)) {
    throw new Error(
      `--ports takes "auto" or four ports: sidecar,emulator,managed-identity,demo-api (got "${spec}")`,
    );
  }
  return Object.fromEntries(Object.keys(DEFAULT_PORTS).map((name, index) => [name, values[index]]));
}
