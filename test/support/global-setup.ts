import { resolve } from 'node:path';
import { ensureDevelopmentCa } from '@app/entra-emulator';

/**
 * Vitest globalSetup of the e2e project. Node reads NODE_EXTRA_CA_CERTS only when a process starts, so the CA must
 * exist and the variable must be set here, before the forked test workers (msal-node, global fetch) are spawned.
 */
export default async function setup(): Promise<void> {
  const { caCertPath } = await ensureDevelopmentCa(resolve(process.cwd(), '.certs'));
  process.env.NODE_EXTRA_CA_CERTS = caCertPath;
}
