import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EntraEmulator } from '@app/entra-emulator';

describe('TLS trust from the global setup', () => {
  let emulator: EntraEmulator;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  it('should let plain global fetch trust the emulator (NODE_EXTRA_CA_CERTS set before workers start)', async () => {
    // Act: no custom agent, no CA option — only the worker's process-wide trust.
    const response = await fetch(`${emulator.url}/demo/v2.0/.well-known/openid-configuration`);

    // Assert
    expect(process.env.NODE_EXTRA_CA_CERTS).toBe(emulator.caCertPath);
    expect(response.status).toBe(200);
  });
});
