import { loadConfiguration, type LoadedConfiguration } from '@app/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listenOnAll } from '../../apps/sidecar/src/http/listen';
import { createSidecarApp } from '../../apps/sidecar/src/sidecar-app';
import { LogCapture } from './log-capture';

/** A minimal valid configuration: the reference needs a client id and a tenant. */
export const MINIMAL_ENV: Readonly<Record<string, string>> = {
  // A closed local port: the signing-key store fetches metadata at startup, and a test sidecar must never
  // reach the real login.microsoftonline.com (the default Instance).
  AzureAd__Instance: 'https://127.0.0.1:1/',
  AzureAd__TenantId: '10c419d4-4a50-45b2-aa4e-919fb84df24f',
  AzureAd__ClientId: 'aab5089d-e764-47e3-9f28-cc11c2513821',
};

/** How to configure an in-process sidecar: the same sources the real process reads. */
export interface SidecarOptions {
  env?: Record<string, string>;
  appsettings?: Record<string, unknown>;
  argv?: string[];
  /** Listen on this address instead of 127.0.0.1 on an ephemeral port. */
  urls?: string;
}

/** A listening sidecar built by the production factory, with its logs captured. */
export interface RunningSidecar {
  url: string;
  app: NestFastifyApplication;
  configuration: LoadedConfiguration;
  logs: LogCapture;
  close(): Promise<void>;
}

/** Starts the real sidecar pipeline in this process, listening on loopback. */
export async function startSidecar(options: SidecarOptions = {}): Promise<RunningSidecar> {
  const cwd = mkdtempSync(join(tmpdir(), 'sidecar-'));
  if (options.appsettings) writeFileSync(join(cwd, 'appsettings.json'), JSON.stringify(options.appsettings));
  const configuration = loadConfiguration({
    cwd,
    env: { ...MINIMAL_ENV, ASPNETCORE_URLS: options.urls ?? 'http://127.0.0.1:0', ...options.env },
    argv: options.argv ?? [],
  });
  const logs = new LogCapture();
  const { app } = await createSidecarApp(configuration, { logDestination: logs });
  const listening = await listenOnAll(app, configuration.settings.host);
  const url = listening.urls[0].replace('[::]', '127.0.0.1').replace('0.0.0.0', '127.0.0.1');
  return {
    url,
    app,
    configuration,
    logs,
    close: async () => {
      await listening.close();
      await app.close();
      rmSync(cwd, { recursive: true, force: true });
    },
  };
}
