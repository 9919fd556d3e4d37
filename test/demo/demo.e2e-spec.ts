// `npm run demo` and `npm run demo:token` as a developer runs them: real processes (emulator, demo API, built
// sidecar) on free loopback ports, state and logs in a temporary directory instead of .tmp/.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExample } from '../../clients/typescript/example';
import { freePort } from '../support/built-sidecar';

const ROOT = resolve(__dirname, '../..');
const DEMO_USER_OID = 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde';
const SIDECAR = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';
const STEPS = 8;
// A cold run may build all three bundles first on a busy 2-core machine.
const DEMO_TIMEOUT_MS = 240_000;

interface DemoState {
  sidecar: string;
  emulator: string;
  managedIdentity: string;
  demoApi: string;
  pids: Record<string, number>;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function demoEnvironment(tmpDir: string): NodeJS.ProcessEnv {
  return { ...process.env, DEMO_TMP_DIR: tmpDir, NO_COLOR: '1' };
}

function run(script: string, args: string[], tmpDir: string, isolated = false): Promise<Finished> {
  // A bare name is one of the npm scripts' files; a path (examples/…) is taken from the repository root.
  const file = script.includes('/') ? join(ROOT, script) : join(ROOT, 'scripts', script);
  const node = [process.execPath, file, ...args];
  // Isolated: a fresh network namespace whose only interface is loopback, so any other destination fails.
  const [command, ...argv] = isolated ? ['unshare', ...ISOLATE, ...node] : node;
  return new Promise((done) => {
    execFile(
      command,
      argv,
      { cwd: ROOT, env: demoEnvironment(tmpDir), timeout: DEMO_TIMEOUT_MS },
      (error, stdout, stderr) => done({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

/** A python3 that can import requests (Debian's python3-requests, or a developer's own), if the machine has one. */
const PYTHON = ['python3', '/usr/bin/python3'].find(
  (python) => spawnSync(python, ['-c', 'import requests']).status === 0,
);

function runPython(args: string[]): Promise<Finished> {
  return new Promise((done) => {
    execFile(PYTHON ?? 'python3', args, { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

const ISOLATE = ['--net', '--map-root-user', 'sh', '-c', 'ip link set lo up && exec "$0" "$@"'];
const canIsolate = spawnSync('unshare', [...ISOLATE, 'true']).status === 0;

/** Asserts every step's ✓ line and exit 0; shows the whole output when one is missing. */
function expectEveryStepPassed(result: Finished): void {
  const passed = Array.from({ length: STEPS }, (_, index) => index + 1).filter((step) =>
    new RegExp(`^ {2}✓ ${step}\\. `, 'm').test(result.stdout),
  );
  expect({ passed, code: result.code }, result.stdout + result.stderr).toEqual({
    passed: [1, 2, 3, 4, 5, 6, 7, 8],
    code: 0,
  });
  expect(result.stdout).toContain(`All ${STEPS} steps passed.`);
}

const decode = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

const portOf = (url: string) => Number(new URL(url).port);

function refusesConnections(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('npm run demo -- --once', () => {
  it(
    'should walk the whole tour, pass every step and exit 0',
    async () => {
      // Arrange
      const tmpDir = mkdtempSync(join(tmpdir(), 'demo-once-'));

      // Act
      const result = await run('demo.mjs', ['--once', '--ports', 'auto'], tmpDir);

      // Assert
      expectEveryStepPassed(result);
      expect(existsSync(join(tmpDir, 'demo.json'))).toBe(false);
      rmSync(tmpDir, { recursive: true, force: true });
    },
    DEMO_TIMEOUT_MS,
  );

  // Acceptance: no request ever leaves 127.0.0.1 / localhost (skipped where namespaces are not allowed).
  it.skipIf(!canIsolate)(
    'should pass every step with no network but loopback',
    async () => {
      // Arrange
      const tmpDir = mkdtempSync(join(tmpdir(), 'demo-isolated-'));

      // Act
      const result = await run('demo.mjs', ['--once', '--ports', 'auto'], tmpDir, true);

      // Assert
      expectEveryStepPassed(result);
      rmSync(tmpDir, { recursive: true, force: true });
    },
    DEMO_TIMEOUT_MS,
  );

  it('should refuse a busy port with a hint to use --ports auto', async () => {
    // Arrange
    const tmpDir = mkdtempSync(join(tmpdir(), 'demo-busy-'));
    const busy: Server = createServer();
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done));
    const { port } = busy.address() as { port: number };
    const others = await Promise.all([freePort(), freePort(), freePort()]);

    // Act
    const result = await run('demo.mjs', ['--once', '--ports', [port, ...others].join(',')], tmpDir);
    busy.close();

    // Assert
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${port} (sidecar) is already in use`);
    expect(result.stderr).toContain('npm run demo -- --ports auto');
  });
});

describe('npm run demo (kept running) and npm run demo:token', () => {
  const tmpDir = mkdtempSync(join(tmpdir(), 'demo-running-'));
  let demo: ChildProcess;
  let output = '';
  let exited: Promise<number | null>;
  let state: DemoState;

  beforeAll(async () => {
    demo = spawn(process.execPath, [join(ROOT, 'scripts/demo.mjs'), '--ports', 'auto'], {
      cwd: ROOT,
      env: demoEnvironment(tmpDir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((done) => demo.once('exit', (code) => done(code)));
    const deadline = Date.now() + DEMO_TIMEOUT_MS;
    while (!output.includes('Press Ctrl-C to stop') && demo.exitCode === null && Date.now() < deadline) {
      await new Promise((wait) => setTimeout(wait, 200));
    }
    expect(output, output).toContain('Press Ctrl-C to stop');
    state = JSON.parse(readFileSync(join(tmpDir, 'demo.json'), 'utf8')) as DemoState;
  }, DEMO_TIMEOUT_MS);

  afterAll(() => {
    if (demo?.exitCode === null) demo.kill('SIGKILL');
    rmSync(tmpDir, { recursive: true, force: true });
  });

  it('should print the URLs and a ready-to-paste curl line', () => {
    // Assert
    expect(output).toContain(`sidecar           ${state.sidecar}`);
    expect(output).toContain(`emulator control  ${state.emulator}/_emulator/`);
    expect(output).toContain(`demo API          ${state.demoApi}/weather`);
    expect(output).toContain(
      `TOKEN=$(npm run -s demo:token -- --user demo-user --scope access_as_user) && curl -s -H "Authorization: Bearer $TOKEN" ${state.sidecar}/Validate`,
    );
  });

  it('should print only a user token for the demo sidecar, found through demo.json', async () => {
    // Act
    const result = await run('demo-token.mjs', ['--user', 'demo-user', '--scope', 'access_as_user'], tmpDir);

    // Assert
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(decode(result.stdout.trim())).toMatchObject({
      aud: SIDECAR,
      oid: DEMO_USER_OID,
      scp: 'access_as_user',
      iss: expect.stringContaining(state.emulator) as string,
    });
  });

  it('should print an app token of the demo client with --app', async () => {
    // Act
    const result = await run('demo-token.mjs', ['--app'], tmpDir);

    // Assert
    expect(result.code, result.stderr).toBe(0);
    expect(decode(result.stdout.trim())).toMatchObject({
      aud: SIDECAR,
      idtyp: 'app',
      azp: 'e7396d80-0d1c-4a96-90c1-f7a9677c1274',
      roles: ['Sidecar.Call'],
    });
  });

  it('should mint a token that the demo sidecar accepts on /Validate', async () => {
    // Arrange
    const { stdout } = await run('demo-token.mjs', [], tmpDir);

    // Act
    const response = await fetch(`${state.sidecar}/Validate`, {
      headers: { authorization: `Bearer ${stdout.trim()}` },
    });

    // Assert
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ protocol: 'Bearer', claims: { oid: DEMO_USER_OID } });
  });

  it('should pass the proof-of-possession example (examples/proof-of-possession/round-trip.mjs)', async () => {
    // Act
    const result = await run(
      'examples/proof-of-possession/round-trip.mjs',
      ['--sidecar', state.sidecar],
      tmpDir,
    );

    // Assert
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('✗');
    expect(result.stdout).toContain('✓ /Validate accepts the signed request');
    expect(result.stdout).toContain('✓ /Validate refuses it for another method');
    expect(result.stdout).toContain('Proof-of-possession round trip passed.');
  });

  it('should run the TypeScript client example (clients/typescript) against the demo', async () => {
    // Arrange
    const { stdout } = await run('demo-token.mjs', [], tmpDir);

    // Act
    const seen = await runExample(state.sidecar, stdout.trim());

    // Assert
    expect(seen).toEqual([
      `validate: Bearer token of user ${DEMO_USER_OID}`,
      expect.stringMatching(/^authorizationHeader: Bearer token until \d{4}-\d\d-\d\dT/) as string,
      'downstreamApi: 200 application/json; charset=utf-8',
      expect.stringMatching(/^problem: 400 No scopes found for the API 'NoSuchApi'/) as string,
    ]);
  });

  it('should run the Python example (examples/python, with requests) against the demo', async () => {
    // Arrange: CI installs Debian's python3-requests when no python3 has requests.
    expect(PYTHON, 'no python3 with the requests package').toBeDefined();
    const { stdout: token } = await run('demo-token.mjs', [], tmpDir);

    // Act
    const result = await runPython([
      'examples/python/sidecar_example.py',
      '--sidecar',
      state.sidecar,
      '--token',
      token.trim(),
    ]);

    // Assert
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toContain('✗');
    expect(result.stdout).toContain(`✓ validate: user ${DEMO_USER_OID}`);
    expect(result.stdout).toContain('✓ downstream API: 200');
    expect(result.stdout).toContain("✓ problem details: 400 No scopes found for the API 'NoSuchApi'");
  });

  it('should stop every child, free every port and remove demo.json on SIGTERM, exiting 0', async () => {
    // Act
    demo.kill('SIGTERM');
    const code = await exited;

    // Assert
    expect(code, output).toBe(0);
    expect(existsSync(join(tmpDir, 'demo.json'))).toBe(false);
    expect(Object.values(state.pids).filter(isRunning)).toEqual([]);
    const ports = [state.sidecar, state.emulator, state.managedIdentity, state.demoApi].map(portOf);
    expect(await Promise.all(ports.map(refusesConnections))).toEqual(ports.map(() => true));
  });
});

describe('npm run demo:token without a running demo', () => {
  it('should fail on stderr with a hint to start the demo, printing nothing on stdout', async () => {
    // Arrange
    const tmpDir = mkdtempSync(join(tmpdir(), 'demo-none-'));
    const closed = await freePort();

    // Act
    const result = await run('demo-token.mjs', ['--emulator', `https://localhost:${closed}`], tmpDir);

    // Assert
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`no token from the Entra emulator at https://localhost:${closed}`);
    expect(result.stderr).toContain('npm run demo');
    rmSync(tmpDir, { recursive: true, force: true });
  });
});
