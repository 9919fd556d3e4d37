// Static checks of the container delivery: no Docker engine runs in CI, so the Dockerfile and the
// compose file are parsed and held to the deployment rules of decisions.md and the reference (A.2-A.6).
import { existsSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commandText,
  dependsOf,
  envOf,
  loadCompose,
  mountsOf,
  portsOf,
  type ComposeFile,
} from './compose-model';
import { execForm, parseDockerfile, splitFlags, type Dockerfile, type Stage } from './dockerfile-parser';
// The node flags the tests launch the built sidecar with: the image's CMD must carry the same (set where the
// sidecar is launched, not at run time: docs/performance.md, V8 flags).
import { SIDECAR_NODE_FLAGS } from '../support/built-sidecar';

const root = resolve(__dirname, '../..');
// Apps whose sources land after this file; remove a name once apps/<name>/src/main.ts exists.
const PENDING_APPS: string[] = [];

interface EmulatorDemoConfig {
  tenants: { name: string; id: string }[];
  applications: { clientId: string; tenant: string; clientSecrets?: string[] }[];
}

const runsOf = (stage: Stage) =>
  stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => splitFlags(i.args).rest);
const last = (stage: Stage, keyword: string) =>
  stage.instructions.filter((i) => i.keyword === keyword).at(-1);

describe('Dockerfile', () => {
  let dockerfile: Dockerfile;
  let runtime: Stage;

  beforeAll(() => {
    dockerfile = parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    runtime = dockerfile.stages.at(-1)!;
  });

  it('should build in a separate stage whose dist/ the runtime stage copies', () => {
    const [build] = dockerfile.stages;
    expect(dockerfile.stages.length).toBeGreaterThanOrEqual(2);
    expect(runsOf(build).some((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(runsOf(build).some((r) => /\bnpm run build\b/.test(r))).toBe(true);
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY').map((i) => splitFlags(i.args));
    expect(copies.some((c) => c.flags.from === build.name && /\/dist\s+\S*dist$/.test(c.rest))).toBe(true);
  });

  it('should base the runtime on a slim Node LTS image, version 22 or later', () => {
    const match = /^node:(\d+)-(?:[\w.]+-)?slim$/.exec(runtime.image);
    expect(match, runtime.image).not.toBeNull();
    const major = Number(match![1]);
    expect(major).toBeGreaterThanOrEqual(22);
    // Up to 26 only even lines became LTS; from 27 on every line does.
    expect(major % 2 === 0 || major >= 27).toBe(true);
  });

  it('should install only production dependencies in the runtime stage', () => {
    expect(runsOf(runtime).some((r) => /\bnpm ci\b/.test(r) && /--omit=dev\b/.test(r))).toBe(true);
    expect(runsOf(runtime).some((r) => /\bnpm (install|i)\b/.test(r))).toBe(false);
    expect(
      runtime.instructions.some((i) => i.keyword === 'ENV' && /\bNODE_ENV=production\b/.test(i.args)),
    ).toBe(true);
  });

  it('should run as a numeric non-root user', () => {
    const user = last(runtime, 'USER')?.args.split(':')[0];
    expect(user).toMatch(/^\d+$/);
    expect(Number(user)).not.toBe(0);
  });

  it('should expose port 5000', () => {
    const exposed = runtime.instructions
      .filter((i) => i.keyword === 'EXPOSE')
      .flatMap((i) => i.args.split(/\s+/));
    expect(exposed.map((p) => p.replace('/tcp', ''))).toContain('5000');
  });

  it('should health-check /healthz with node itself', () => {
    const { rest } = splitFlags(last(runtime, 'HEALTHCHECK')?.args ?? '');
    expect(rest.startsWith('CMD ')).toBe(true);
    const argv = execForm(rest.slice(4)); // must be valid JSON, or Docker silently runs it through a shell
    expect(argv?.[0]).toBe('node');
    expect(argv?.join(' ')).toContain('/healthz');
    if (argv?.[1] === '-e') expect(() => new Script(argv[2])).not.toThrow(); // syntax only, not run
  });

  it('should start dist/apps/sidecar/main.js with node from the WORKDIR the dist/ is copied to', () => {
    expect(execForm(last(runtime, 'CMD')?.args ?? '')).toEqual([
      'node',
      ...SIDECAR_NODE_FLAGS,
      'dist/apps/sidecar/main.js',
    ]);
    expect(last(runtime, 'WORKDIR')?.args).toMatch(/^\/\S+$/);
    expect(last(runtime, 'ENTRYPOINT')).toBeUndefined();
  });

  it("should write the bundle's compile cache as the runtime user, with the CMD's node flags, then lock it", () => {
    // Node keeps the cache per user and per flags: written by anyone else, a container would never read it.
    const users = runtime.instructions.filter((i) => i.keyword === 'USER' || i.keyword === 'RUN');
    const warmUp = users.findIndex((i) => i.keyword === 'RUN' && i.args.includes('--compile-cache-only'));
    expect(warmUp, 'a RUN with --compile-cache-only').toBeGreaterThan(0);
    expect(users.slice(0, warmUp).findLast((i) => i.keyword === 'USER')?.args).toBe(
      last(runtime, 'USER')?.args,
    );
    expect(splitFlags(users[warmUp].args).rest.split(/\s+/)).toEqual([
      ...(execForm(last(runtime, 'CMD')?.args ?? '') ?? []),
      '--compile-cache-only',
    ]);
    // ... and then handed to root, readable by all: the sidecar cannot rewrite what its next start runs.
    expect(
      users
        .slice(warmUp + 1)
        .some(
          (i) => /chown -R root:root \S*compile-cache/.test(i.args) && /chmod -R a\+rX,go-w/.test(i.args),
        ),
    ).toBe(true);
  });

  it('should run the command `npm start` runs', () => {
    const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(execForm(last(runtime, 'CMD')?.args ?? '')?.join(' ')).toBe(scripts.start);
  });

  it('should bake no secrets into the image', () => {
    const assigned = dockerfile.stages
      .flatMap((s) => s.instructions)
      .filter((i) => i.keyword === 'ENV' || i.keyword === 'ARG')
      .flatMap((i) => i.args.split(/\s+/).map((kv) => kv.split('=')[0]));
    const names = [...assigned, ...Object.keys(dockerfile.globalArgs)];
    expect(names.filter((n) => /secret|password|credential|token|connectionstring|key/i.test(n))).toEqual([]);
  });

  it('should keep node_modules, dist, .certs and .git out of the build context', () => {
    const patterns = readFileSync(join(root, '.dockerignore'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const name of ['node_modules', 'dist', '.certs', '.git']) expect(patterns).toContain(`**/${name}`);
    // An allow-list must still let in what `npm ci` and `npm run build` read.
    if (patterns.includes('*')) {
      for (const needed of ['!package.json', '!package-lock.json', '!nest-cli.json', '!apps/'])
        expect(patterns).toContain(needed);
    }
  });
});

describe('docker-compose.yml', () => {
  let compose: ComposeFile;
  beforeAll(() => (compose = loadCompose(join(root, 'docker-compose.yml'))));
  const service = (name: string) => compose.services[name];

  it('should define the sidecar, entra-emulator and demo-api services', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['sidecar', 'entra-emulator', 'demo-api']),
    );
  });

  it('should publish ports on 127.0.0.1 only, and the sidecar on 5000', () => {
    const all = Object.values(compose.services).flatMap(portsOf);
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((p) => p.hostIp !== '127.0.0.1')).toEqual([]);
    expect(portsOf(service('sidecar')).map((p) => p.published)).toContain('5000');
  });

  it("should run the apps in the sidecar's network namespace", () => {
    for (const name of ['entra-emulator', 'demo-api']) {
      expect(service(name).network_mode, name).toBe('service:sidecar');
      expect(service(name).ports ?? [], name).toEqual([]);
    }
  });

  it('should order startup on existing, health-checked services without cycles', () => {
    const deps = Object.fromEntries(Object.entries(compose.services).map(([n, s]) => [n, dependsOf(s)]));
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [dep, condition] of Object.entries(deps[name])) {
        expect(compose.services[dep], `${name} → ${dep}`).toBeDefined();
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy')
          expect(compose.services[dep].healthcheck?.test, dep).toBeDefined();
      }
      const owner = /^service:(.+)$/.exec(s.network_mode ?? '')?.[1];
      if (owner) expect(Object.keys(deps[name]), `${name} joins ${owner}`).toContain(owner);
    }
    const visit = (name: string, path: string[]): void => {
      expect(path, `cycle ${[...path, name].join(' → ')}`).not.toContain(name);
      for (const dep of Object.keys(deps[name] ?? {})) visit(dep, [...path, name]);
    };
    Object.keys(deps).forEach((n) => visit(n, []));
    expect(service('sidecar').healthcheck?.test).toBeDefined();
  });

  it('should run every service read-only, without capabilities or privilege escalation, within a memory limit', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      // The image's non-root user applies unless a service names another one.
      expect(s.user, name).toBeUndefined();
      expect(s.read_only, name).toBe(true);
      expect(s.cap_drop, name).toEqual(['ALL']);
      expect(s.security_opt, name).toContain('no-new-privileges:true');
      expect(s.deploy?.resources?.limits?.memory, name).toMatch(/^\d+[MG]$/);
    }
  });

  it('should configure the sidecar only with reference configuration keys', () => {
    const allowed =
      /^(AzureAd|DownstreamApis|Sidecar|Logging|Kestrel)(__[A-Za-z0-9.]+)+$|^ASPNETCORE_[A-Z_]+$/;
    const keys = Object.keys(envOf(service('sidecar'))).filter((k) => k !== 'NODE_EXTRA_CA_CERTS');
    expect(keys.filter((k) => !allowed.test(k))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['AzureAd__TenantId', 'AzureAd__ClientId']));
  });

  it('should point the sidecar at the emulator it shares localhost with', () => {
    const env = envOf(service('sidecar'));
    const port = /--port[ =](\d+)/.exec(commandText(service('entra-emulator')))?.[1];
    expect(env.AzureAd__Instance).toBe(`https://localhost:${port}/`);
    expect(env.ASPNETCORE_ENVIRONMENT).toBe('Development');
  });

  it("should use a tenant, client and secret from the emulator's mounted configuration", () => {
    const env = envOf(service('sidecar'));
    const mount = mountsOf(service('entra-emulator')).find((m) =>
      m.target.endsWith('/apps/entra-emulator/config'),
    );
    expect(mount?.source.startsWith('./')).toBe(true);
    const config = JSON.parse(
      readFileSync(join(root, mount!.source, 'demo-tenant.json'), 'utf8'),
    ) as EmulatorDemoConfig;
    const app = config.applications.find((a) => a.clientId === env.AzureAd__ClientId);
    expect(app, env.AzureAd__ClientId).toBeDefined();
    expect(config.tenants.find((t) => t.name === app!.tenant)?.id).toBe(env.AzureAd__TenantId);
    expect(app!.clientSecrets ?? []).toContain(env.AzureAd__ClientCredentials__0__ClientSecret);
  });

  it("should start the sidecar with the image's node flags", () => {
    expect(commandText(service('sidecar'))).toContain(
      `node ${SIDECAR_NODE_FLAGS.join(' ')} dist/apps/sidecar/main.js`,
    );
  });

  it('should run only entry points of the dist/apps/<app>/main.js build layout', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      const text = commandText(s);
      const paths = [...text.matchAll(/[^\s;'"&|]*dist\/[^\s;'"&|]+/g)].map((m) => m[0]);
      expect(paths, name).toHaveLength(1);
      const app = /^dist\/apps\/([a-z0-9-]+)\/main\.js$/.exec(paths[0])?.[1];
      expect(app, `${name}: ${paths[0]}`).toBeDefined();
      // node, its own flags if any (`--name` or `--name=value`), then the entry point
      expect(text, name).toMatch(
        new RegExp(`\\bnode (--[a-z-]+(=[0-9a-z-]+)? )*${paths[0].replace(/[./]/g, '\\$&')}\\b`),
      );
      const known = existsSync(join(root, 'apps', app!, 'src', 'main.ts')) || PENDING_APPS.includes(app!);
      expect(known, `apps/${app}/src/main.ts`).toBe(true);
    }
  });

  it("should trust the emulator's CA from a volume both services mount", () => {
    const caPath = envOf(service('sidecar')).NODE_EXTRA_CA_CERTS;
    const sidecarMount = mountsOf(service('sidecar')).find((m) => caPath.startsWith(m.target + '/'));
    expect(sidecarMount, caPath).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(sidecarMount!.source);
    const emulatorMount = mountsOf(service('entra-emulator')).find((m) => m.source === sidecarMount!.source);
    expect(emulatorMount?.readOnly).toBe(false);
    const certsDir = /--certs-dir[ =](\S+)/.exec(commandText(service('entra-emulator')))?.[1];
    const inEmulator = posix.join(emulatorMount!.target, posix.relative(sidecarMount!.target, caPath));
    expect(inEmulator).toBe(posix.join(certsDir ?? '', 'ca.pem'));
  });
});
