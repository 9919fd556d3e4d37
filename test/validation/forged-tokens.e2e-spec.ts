import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSidecar } from '../support/sidecar';
import { ENCRYPTED_TOKENS, FORGED_TOKENS } from './forged-token-catalogue';
import { expectCatalogued, type TokenKit, tokenKit } from './token-catalogue';
import { DEMO_TENANT, type EntraEmulator, startEmulator, startValidatingSidecar } from './validation-fixture';

// The catalogue of ways an inbound token can be forged (spec G): each must be a 401, never 200 nor 5xx.
// The tokens themselves live in forged-token-catalogue.ts, shared with the differential test against jose.
describe('GET /Validate with a forged signature, key or header', () => {
  let emulator: EntraEmulator;
  let sidecar: RunningSidecar;
  let kit: TokenKit;

  beforeAll(async () => {
    emulator = await startEmulator();
    sidecar = await startValidatingSidecar(emulator);
    kit = await tokenKit(emulator, DEMO_TENANT);
  });

  afterAll(async () => {
    await sidecar?.close();
    await emulator?.close();
  });

  describe.each([
    ['signature, keys and header', FORGED_TOKENS],
    ['encrypted tokens', ENCRYPTED_TOKENS],
  ])('%s', (_group, catalogue) => {
    it.each(catalogue.map((entry) => [entry.name, entry] as const))(
      'should reject %s with 401',
      async (_name, entry) => {
        await expectCatalogued(sidecar.url, entry, await entry.build(kit));
      },
    );
  });

  // --- the reason behind each 401, as the metrics count it ---
  it('should count each rejection under its own reason (crit, alg, kid, signature, decryption)', async () => {
    const text = await (await fetch(`${sidecar.url}/metrics`)).text();
    for (const outcome of [
      'crit_not_supported',
      'algorithm_not_allowed',
      'signing_key_not_found',
      'signature_invalid',
      'decryption_failed',
    ]) {
      expect(text, outcome).toMatch(
        new RegExp(`^sidecar_token_validations_total\\{outcome="${outcome}"\\} [1-9]`, 'm'),
      );
    }
  });

  it('should never write a token into the logs', () => {
    expect(sidecar.logs.text()).not.toContain(kit.validToken.split('.')[2]);
  });
});
