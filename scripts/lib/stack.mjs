// The demo's three processes: started in order, waited for until healthy, and the sidecar's log made readable.
import { childFailure, startChild, waitUntil } from './children.mjs';
import { CERTS_DIR, MAINS, NODE_FLAGS, sidecarEnvironment } from './demo-config.mjs';
import { request } from './http.mjs';

const healthy = (url, ca) => async () => (await request(url, { ca, timeoutMs: 2_000 })).status === 200;

// Starts the three processes into `children` (so a failed start can still stop them) and waits for health.
export async function startStack(ports, caCertPath, ca, children) {
  const emulator = startChild('emulator', MAINS.emulator, [
    '--port',
    String(ports.emulator),
    '--mi-port',
    String(ports.managedIdentity),
    '--certs-dir',
    CERTS_DIR,
  ]);
  children.push(emulator);
  const line = await Promise.race([emulator.firstLine(), new Promise((done) => setTimeout(done, 30_000))]);
  let info;
  try {
    info = JSON.parse(line);
  } catch {
    throw childFailure(emulator, 'the Entra emulator did not start');
  }
  const demoApi = startChild(
    'demo-api',
    MAINS.demoApi,
    ['--port', String(ports.demoApi), '--authority', `${info.authority}/v2.0`],
    {
      NODE_EXTRA_CA_CERTS: caCertPath,
    },
  );
  const sidecar = startChild(
    'sidecar',
    MAINS.sidecar,
    [],
    sidecarEnvironment({ ports, caCertPath }),
    NODE_FLAGS.sidecar,
  );
  children.push(demoApi, sidecar);
  const urls = {
    sidecar: `http://127.0.0.1:${ports.sidecar}`,
    emulator: info.url,
    demoApi: `http://127.0.0.1:${ports.demoApi}`,
  };
  await Promise.all([
    waitUntil(
      emulator,
      'answer on its discovery endpoint',
      healthy(`${info.authority}/v2.0/.well-known/openid-configuration`, ca),
      30_000,
    ),
    waitUntil(
      demoApi,
      `healthy answer from ${urls.demoApi}/healthz`,
      healthy(`${urls.demoApi}/healthz`),
      30_000,
    ),
    waitUntil(
      sidecar,
      `healthy answer from ${urls.sidecar}/healthz`,
      healthy(`${urls.sidecar}/healthz`),
      60_000,
    ),
  ]);
  return { urls, info, sidecar };
}

// A JSON log record as one readable line: level, message, code and error message.
function logLine(line) {
  try {
    const { level, msg, event, code, error, err } = JSON.parse(line);
    const message = (error ?? err)?.message;
    return `${level} ${msg ?? event}${code ? ` [${code}]` : ''}${message ? `: ${message}` : ''}`;
  } catch {
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
  }
}

// The sidecar's warnings and errors say why a step failed; without any, its last lines.
export function sidecarLogExcerpt(sidecar) {
  const lines = sidecar.tail(40);
  const problems = lines.filter((line) => /"level":"(warn|error|fatal)"/.test(line));
  return (problems.length > 0 ? problems.slice(-5) : lines.slice(-3)).map(logLine);
}
