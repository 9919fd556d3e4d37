// Shared by the token-* scenarios: the validate-* emulator fixture (one emulator per bench run) plus the
// sidecar settings that make it acquire tokens from it, and a reader of the emulator's token-request count.
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { validationFixture } from './validate-fixture.mjs';

/** The sidecar's secret in the emulator's demo tenant. */
const CLIENT_SECRET = 'demo-sidecar-secret';

/**
 * Sidecar env added by every token scenario (identical, so the scenarios agree). The caches keep their default
 * memory budgets: the 10,000 OBO users fit in the token cache's 32 MiB (about 16,000 such tokens).
 */
export const TOKEN_SIDECAR_ENV = {
  AzureAd__ClientCredentials__0__SourceType: 'ClientSecret',
  AzureAd__ClientCredentials__0__ClientSecret: CLIENT_SECRET,
  DownstreamApis__BenchApp__RequestAppToken: 'true',
  DownstreamApis__BenchApp__Scopes: 'api://demo-downstream/.default',
  DownstreamApis__BenchUser__Scopes: 'api://demo-downstream/Weather.Read',
};

/** The OBO profile and how many distinct users the OBO-heavy scenarios cache through it. */
export const OBO_PATH = '/AuthorizationHeader/BenchUser';
export const OBO_USERS = 10_000;

let agent;
let oboTokens;

/** `OBO_USERS` distinct user tokens, minted once per bench run for every scenario that asks. */
export function oboUserTokens(fixture) {
  oboTokens ??= fixture.mintMany(OBO_USERS, { user: 'demo-user', scopes: ['access_as_user'] });
  return oboTokens;
}

/** The emulator fixture and the env the token scenarios need. */
export async function tokenFixture(ctx) {
  const fixture = await validationFixture(ctx);
  agent ??= new Agent({ keepAlive: true, ca: readFileSync(fixture.caCertPath) });
  return {
    ...fixture,
    sidecarEnv: { ...fixture.sidecarEnv, ...TOKEN_SIDECAR_ENV },
    /** Token-endpoint requests the emulator received so far. */
    tokenRequests: () =>
      getJson(`${fixture.url}/_emulator/requests?kind=token`).then((body) => body.totals.token ?? 0),
  };
}

function getJson(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${url}: ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends `paths` to the sidecar, `concurrency` at a time, failing on any non-200 (cache priming). */
export async function prime(sidecarUrl, requests, concurrency = 16) {
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < requests.length; index = next++) {
      const { path, headers } = requests[index];
      const response = await fetch(sidecarUrl + path, { headers });
      if (response.status !== 200)
        throw new Error(`priming ${path}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}
