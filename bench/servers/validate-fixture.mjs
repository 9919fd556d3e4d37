// Shared by the validate-* scenarios: one Entra emulator (the built CLI) as the sidecar's authority, and
// tokens minted through its control API. Started once, however many scenarios ask (their sidecar env
// must agree). Loopback only; the child is tracked and killed with the bench.
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { spawnTracked } from '../lib/children.mjs';

export const TENANT_ID = '60ff808b-9e0d-4853-bd0c-ae6ac7c0b838';
export const CLIENT_ID = '57e510a2-5d9e-4bc8-9903-5e4d942c8ca6';

let started;
let repeated;

/** The running emulator: `{ url, caCertPath, issuer, jwksUri, sidecarEnv, mint(options) }`. */
export function validationFixture(ctx) {
  started ??= start(ctx);
  return started;
}

function firstJsonLine(proc, timeoutMs = 20_000) {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`entra-emulator did not start:\n${proc.output()}`)),
      timeoutMs,
    );
    proc.child.stdout.on('data', (chunk) => {
      text += chunk.toString();
      const line = text.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line && text.includes('\n')) {
        clearTimeout(timer);
        resolve(JSON.parse(line));
      }
    });
    proc.child.once('exit', () => reject(new Error(`entra-emulator exited:\n${proc.output()}`)));
  });
}

async function start(ctx) {
  const main = join(ctx.root, 'dist', 'apps', 'entra-emulator', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} missing: run npx nest build entra-emulator`);
  const [port, miPort] = [await ctx.freePort(), await ctx.freePort()];
  const proc = spawnTracked({
    name: 'entra-emulator',
    command: process.execPath,
    args: [
      main,
      '--port',
      String(port),
      '--mi-port',
      String(miPort),
      '--certs-dir',
      join(ctx.root, '.certs'),
    ],
    cwd: ctx.root,
  });
  const info = await firstJsonLine(proc);
  const agent = new Agent({ keepAlive: true, maxSockets: 16, ca: readFileSync(info.caCertPath) });
  const mint = (options) =>
    postJson(`${info.url}/_emulator/tokens`, options, agent).then((r) => r.access_token);
  return {
    url: info.url,
    caCertPath: info.caCertPath,
    issuer: `${info.url}/${TENANT_ID}/v2.0`,
    jwksUri: `${info.url}/${TENANT_ID}/discovery/v2.0/keys`,
    sidecarEnv: {
      NODE_EXTRA_CA_CERTS: info.caCertPath,
      AzureAd__Instance: `${info.url}/`,
      AzureAd__TenantId: TENANT_ID,
      AzureAd__ClientId: CLIENT_ID,
    },
    mint,
    /** One user token, the same for every scenario that asks (the repeated-token scenarios). */
    repeatedToken() {
      repeated ??= mint({ user: 'demo-user', scopes: ['access_as_user'] });
      return repeated;
    },
    /** `count` distinct tokens, minted `concurrency` at a time. */
    async mintMany(count, options, concurrency = 16) {
      const tokens = new Array(count);
      let next = 0;
      const worker = async () => {
        for (let index = next++; index < count; index = next++) {
          tokens[index] = await mint({ ...options, claims: { ...options.claims, bench_n: index } });
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return tokens;
    },
  };
}

function postJson(url, body, agent) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(JSON.parse(text))
            : reject(new Error(`${url} → ${response.statusCode}: ${text}`)),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
