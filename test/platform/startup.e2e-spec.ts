import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  freePort,
  SIDECAR_MAIN,
  SIDECAR_NODE_FLAGS,
  spawnSidecar,
  waitUntilHealthy,
} from '../support/built-sidecar';
import { MINIMAL_ENV } from '../support/sidecar';

// Node 22.1 and later; on Node 20 the sidecar starts without one.
const hasCompileCache = 'enableCompileCache' in nodeModule;

const workDirs: string[] = [];
function workDir(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'sidecar-start-'));
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  workDirs.push(dir);
  return dir;
}
afterAll(() => workDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Whether this machine can bind the IPv6 loopback at all (a kernel without IPv6 cannot). */
function ipv6LoopbackAvailable(): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false)).listen(0, '::1', () => probe.close(() => done(true)));
  });
}

describe('the built sidecar (node dist/apps/sidecar/main.js)', () => {
  it('should answer /healthz 200 Healthy with a minimal valid configuration, within a second', async () => {
    const port = await freePort();
    const sidecar = spawnSidecar({ ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}` }, workDir());
    try {
      const readyMs = await waitUntilHealthy(sidecar.url);
      const response = await fetch(`${sidecar.url}/healthz`);
      expect(await response.text()).toBe('Healthy');
      expect(readyMs).toBeLessThan(3000); // the bench measures the real number; this only catches regressions
    } finally {
      await sidecar.stop();
    }
  });

  it('should listen on both loopbacks for ASPNETCORE_URLS=http://localhost:PORT, as Kestrel does', async () => {
    // Arrange: whatever localhost resolves to here (often 127.0.0.1 alone), Kestrel binds 127.0.0.1 and ::1.
    const port = await freePort();
    const ipv6 = await ipv6LoopbackAvailable();
    const sidecar = spawnSidecar({ ...MINIMAL_ENV, ASPNETCORE_URLS: `http://localhost:${port}` }, workDir());
    try {
      await waitUntilHealthy(`http://127.0.0.1:${port}`);

      // Act: a loopback-only route (Production) over each loopback address; no token, so 401 and not 403.
      const overIpv4 = await fetch(`http://127.0.0.1:${port}/Validate`);
      const overIpv6 = ipv6 ? await fetch(`http://[::1]:${port}/Validate`) : undefined;

      // Assert
      expect(overIpv4.status).toBe(401);
      if (ipv6) expect(overIpv6?.status).toBe(401);
      expect(sidecar.output()).toContain(`http://127.0.0.1:${port}`);
      if (ipv6) expect(sidecar.output()).toContain(`http://[::1]:${port}`);
    } finally {
      await sidecar.stop();
    }
  });

  it('should load @nestjs/swagger only in Development, where it serves the OpenAPI document', async () => {
    // Arrange: a preload that reports the package being resolved
    const probe = `--require ${join(__dirname, '..', 'support', 'swagger-load-probe.cjs')}`;
    const started = async (environment: string): Promise<string> => {
      const port = await freePort();
      const sidecar = spawnSidecar(
        {
          ...MINIMAL_ENV,
          ASPNETCORE_URLS: `http://127.0.0.1:${port}`,
          ASPNETCORE_ENVIRONMENT: environment,
          NODE_OPTIONS: probe,
        },
        workDir(),
      );
      try {
        await waitUntilHealthy(sidecar.url);
        await fetch(`${sidecar.url}/healthz/ready`);
        await fetch(`${sidecar.url}/Validate`);
      } finally {
        await sidecar.stop();
      }
      return sidecar.output();
    };

    // Act
    const production = await started('Production');
    const development = await started('Development');

    // Assert
    expect(production).not.toContain('PROBE: @nestjs/swagger loaded');
    expect(development).toContain('PROBE: @nestjs/swagger loaded');
  });

  it('should start from a copy of its dist folder alone, reading none of its on-demand files', async () => {
    // Arrange: the build output, where no node_modules folder is above it, and a preload naming what is read
    const copy = workDir();
    cpSync(dirname(SIDECAR_MAIN), copy, { recursive: true });
    const port = await freePort();
    const probe = `--require ${join(__dirname, '..', 'support', 'file-load-probe.cjs')}`;
    const sidecar = spawnSidecar(
      { ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}`, NODE_OPTIONS: probe },
      copy,
      [],
      [],
      join(copy, 'main.js'),
    );

    // Act
    try {
      await waitUntilHealthy(sidecar.url);
      await fetch(`${sidecar.url}/healthz/ready`);
    } finally {
      await sidecar.stop();
    }

    // Assert: only the launcher and the bundle were looked up; what a configuration may never use stays unread
    const required = [...sidecar.output().matchAll(/^PROBE: require (.+)$/gm)].map((match) => match[1]);
    expect(required).toEqual([join(copy, 'main.js'), './sidecar.js']);
  });

  it.runIf(hasCompileCache)(
    'should write a compile cache beside the bundle with --compile-cache-only, and reuse it when it starts',
    async () => {
      // Arrange
      const copy = workDir();
      cpSync(dirname(SIDECAR_MAIN), copy, { recursive: true });
      const main = join(copy, 'main.js');

      // Act: the image build's step, then a start that reports what the cache did
      const written = spawnSync(process.execPath, [...SIDECAR_NODE_FLAGS, main, '--compile-cache-only'], {
        cwd: copy,
        env: { PATH: process.env.PATH },
        timeout: 10_000,
      });
      const port = await freePort();
      const sidecar = spawnSidecar(
        { ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}`, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
        copy,
        [],
        [],
        main,
      );
      try {
        await waitUntilHealthy(sidecar.url);
      } finally {
        await sidecar.stop();
      }

      // Assert: nothing started or failed in the first run, and the bundle's compiled code was taken from disk
      expect(written.status, written.stderr.toString()).toBe(0);
      expect(written.stdout.toString()).toBe('');
      expect(readdirSync(join(copy, 'compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
      expect(sidecar.output()).toMatch(/code cache for CommonJS \S*sidecar\.js was accepted/);
    },
  );

  it('should take the listening address from the command line over env vars over appsettings files', async () => {
    const [jsonPort, envPort, argvPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const dir = workDir({
      'appsettings.json': { Urls: `http://127.0.0.1:${jsonPort}`, AzureAd: { ClientId: 'from-json' } },
      'appsettings.Staging.json': { azuread: { tenantid: 'staging-tenant' } },
    });
    const sidecar = spawnSidecar(
      { ASPNETCORE_ENVIRONMENT: 'Staging', ASPNETCORE_URLS: `http://127.0.0.1:${envPort}` },
      dir,
      [`--urls=http://127.0.0.1:${argvPort}`],
    );
    try {
      await waitUntilHealthy(`http://127.0.0.1:${argvPort}`);
      await expect(fetch(`http://127.0.0.1:${envPort}/healthz`)).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${jsonPort}/healthz`)).rejects.toThrow();
    } finally {
      await sidecar.stop();
    }
  });

  it.each([
    ['a missing AzureAd:ClientId', { AzureAd__TenantId: 'contoso.onmicrosoft.com' }, ['AzureAd:ClientId']],
    [
      'a non-https AzureAd:Instance',
      { ...MINIMAL_ENV, AzureAd__Instance: 'http://login.example.com/' },
      ['AzureAd:Instance'],
    ],
    [
      'an unknown credential SourceType',
      { ...MINIMAL_ENV, AzureAd__ClientCredentials__0__SourceType: 'Telepathy' },
      ['AzureAd:ClientCredentials:0:SourceType'],
    ],
    [
      'several problems at once',
      {
        AzureAd__Instance: 'ftp://nowhere/',
        AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
        Sidecar__AllowOutboundRedirects: 'perhaps',
      },
      [
        'AzureAd:ClientId',
        'AzureAd:Instance',
        'AzureAd:ClientCredentials:0:ClientSecret',
        'Sidecar:AllowOutboundRedirects',
      ],
    ],
  ])('should exit non-zero within 5 s naming every bad key for %s', async (_name, env, keys) => {
    const started = performance.now();
    const sidecar = spawnSidecar({ ...env, ASPNETCORE_URLS: 'http://127.0.0.1:0' }, workDir());
    const { code } = await sidecar.exited;
    const output = sidecar.output();
    expect(code).not.toBe(0);
    expect(performance.now() - started).toBeLessThan(5000);
    const problemLines = output.split('\n').filter((line) => keys.some((key) => line.includes(key)));
    for (const key of keys) expect(output, `no line names ${key}`).toContain(key);
    expect(problemLines.length).toBeGreaterThanOrEqual(keys.length);
  });

  it('should never print a secret value when reporting a problem', async () => {
    const secret = 'p@ss-this-must-not-appear';
    const sidecar = spawnSidecar(
      {
        AzureAd__TenantId: 'contoso.onmicrosoft.com',
        AzureAd__ClientCredentials__0__SourceType: 'Path',
        AzureAd__ClientCredentials__0__CertificatePassword: secret,
      },
      workDir(),
    );
    const { code } = await sidecar.exited;
    expect(code).not.toBe(0);
    expect(sidecar.output()).toContain('AzureAd:ClientCredentials:0:CertificateDiskPath');
    expect(sidecar.output()).not.toContain(secret);
  });
});
