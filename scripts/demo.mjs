#!/usr/bin/env node
// `npm run demo`: the sidecar, the Entra emulator and the demo downstream API on this machine (127.0.0.1 and
// localhost only), a short tour of the sidecar's endpoints, then the running stack until Ctrl-C.
// `--once` exits after the tour: 0 only if every step passed. `--ports auto` picks free ports.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { childFailure } from './lib/children.mjs';
import { CERTS_DIR, MAINS, ROOT, TENANT_ID, TMP_DIR } from './lib/demo-config.mjs';
import { readCa } from './lib/emulator-client.mjs';
import { bold, dim, red } from './lib/format.mjs';
import { choosePorts } from './lib/ports.mjs';
import { sidecarLogExcerpt, startStack } from './lib/stack.mjs';
import { removeState, writeState } from './lib/state.mjs';
import { TOUR } from './lib/tour.mjs';
import { runTour } from './lib/tour-runner.mjs';

const USAGE = `usage: npm run demo [-- --once] [--ports auto | --ports <sidecar>,<emulator>,<mi>,<demo-api>] [--build]
  --once        exit after the tour; status 0 only if every step passed
  --ports auto  free ports instead of 5000, 5443, 5444 and 5080
  --build       rebuild dist/ first (otherwise only when a bundle is missing)`;

const print = (line = '') => process.stdout.write(`${line}\n`);

function parseArguments(argv) {
  const options = { once: false, build: false, ports: undefined };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    if (flag === '--once') options.once = true;
    else if (flag === '--build') options.build = true;
    else if (flag === '--ports' && argv[index + 1]) options.ports = argv[++index];
    else if (flag.startsWith('--ports=')) options.ports = flag.slice('--ports='.length);
    else if (flag === '--help' || flag === '-h') {
      print(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

function buildIfNeeded(force) {
  const missing = Object.values(MAINS).filter((main) => !existsSync(main));
  if (!force && missing.length === 0) return;
  print(
    dim(
      force
        ? 'Building (npm run build)…'
        : `Building: ${missing.map((m) => relative(ROOT, m)).join(', ')} missing…`,
    ),
  );
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed (see above)');
}

function ensureCa() {
  const result = spawnSync(process.execPath, [MAINS.emulator, 'ca', '--certs-dir', CERTS_DIR], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`creating the development CA failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()).caCertPath;
}

function printRunning({ urls, info }) {
  const curl = `TOKEN=$(npm run -s demo:token -- --user demo-user --scope access_as_user) && curl -s -H "Authorization: Bearer $TOKEN" ${urls.sidecar}/Validate`;
  print();
  print(bold('The demo is running. Press Ctrl-C to stop.'));
  print(
    `  sidecar           ${urls.sidecar}   (OpenAPI ${urls.sidecar}/openapi/v1.json, Swagger UI ${urls.sidecar}/swagger)`,
  );
  print(`  Entra emulator    ${info.url}   (authority ${info.authority})`);
  print(`  emulator control  ${info.control}`);
  print(`  demo API          ${urls.demoApi}/weather`);
  print(`  logs              ${relative(process.cwd(), TMP_DIR) || '.'}/demo-*.log`);
  print();
  print('Try it:');
  print(`  ${curl}`);
  print(dim('  npm run demo:token -- --help   for other users, scopes and app tokens'));
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const ports = await choosePorts(options.ports);
  buildIfNeeded(options.build);
  const caCertPath = ensureCa();
  const ca = readCa(caCertPath);

  const children = [];
  let stopping;
  const stopAll = (code) => {
    stopping ??= (async () => {
      removeState();
      await Promise.all(children.map((child) => child.stop()));
      process.exit(code);
    })();
    return stopping;
  };
  // Ctrl-C ends a running demo normally; it interrupts a --once run, which then has not passed.
  const onSignal = () => {
    print(dim('\nStopping the demo…'));
    void stopAll(options.once ? 130 : 0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A closed terminal: the children live in their own sessions and would otherwise outlive it.
  process.once('SIGHUP', onSignal);
  // Last resort if this process dies unexpectedly: no orphaned children.
  process.once('exit', () => children.forEach((child) => child.running() && child.child.kill('SIGKILL')));

  print(
    dim(
      `Starting the Entra emulator, the demo API and the sidecar (ports ${Object.values(ports).join(', ')})…`,
    ),
  );
  let stack;
  try {
    stack = await startStack(ports, caCertPath, ca, children);
  } catch (error) {
    process.stderr.write(`${red(`✗ ${error.message}`)}\n`);
    return stopAll(1);
  }
  writeState({
    pid: process.pid,
    startedAt: new Date().toISOString(),
    sidecar: stack.urls.sidecar,
    emulator: stack.info.url,
    authority: stack.info.authority,
    control: stack.info.control,
    managedIdentity: stack.info.managedIdentity.url,
    demoApi: stack.urls.demoApi,
    caCertPath,
    tenantId: TENANT_ID,
    pids: Object.fromEntries(children.map((child) => [child.name, child.child.pid])),
  });
  for (const child of children) {
    void child.exited.then(({ code, signal }) => {
      if (stopping) return;
      print(
        red(
          `✗ ${childFailure(child, `${child.name} stopped unexpectedly (${signal ?? `exit code ${code}`})`).message}`,
        ),
      );
      void stopAll(1);
    });
  }

  const results = await runTour(TOUR, {
    urls: stack.urls,
    ca,
    onFailure: async () => {
      // The sidecar may log the failure just after answering.
      await new Promise((wait) => setTimeout(wait, 200));
      print(dim(`      last lines of ${stack.sidecar.logFile}:`));
      for (const line of sidecarLogExcerpt(stack.sidecar)) print(dim(`        ${line}`));
    },
  });
  if (options.once) return stopAll(results.every((result) => result.ok) ? 0 : 1);
  printRunning(stack);
}

main().catch((error) => {
  process.stderr.write(`${red(`demo: ${error.message}`)}\n`);
  process.exit(1);
});
