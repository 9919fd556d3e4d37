// The emulator's control API, as used by the tour and by `npm run demo:token`.
import { readFileSync } from 'node:fs';
import { request } from './http.mjs';

/** The development CA's certificate (PEM), for TLS to the emulator. */
export function readCa(caCertPath) {
  try {
    return readFileSync(caCertPath, 'utf8');
  } catch (error) {
    throw new Error(
      `the development CA ${caCertPath} does not exist yet. Start the demo first: npm run demo`,
      {
        cause: error,
      },
    );
  }
}

/** The mint request body: a delegated token for a user, or an app-only token for the demo client. */
export function mintBody({ user, scope, app }) {
  return app ? { client: 'demo-client' } : { user, scope };
}

/** POST /_emulator/tokens → { access_token, token_type, expires_in, claims }. */
export async function mintToken(emulatorUrl, ca, body) {
  const response = await request(new URL('/_emulator/tokens', emulatorUrl), { method: 'POST', body, ca });
  if (response.status !== 200 || typeof response.json?.access_token !== 'string') {
    const reason = response.json?.error_description ?? response.json?.error ?? response.text;
    throw new Error(`the emulator answered ${response.status}: ${reason}`);
  }
  return response.json;
}
