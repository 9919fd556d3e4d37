#!/usr/bin/env node
// Proof-of-possession end to end against the running demo (`npm run demo`), in both directions:
//   1. a key pair is made here, and the sidecar gets a `pop` token bound to its public key (outbound, spec F.5);
//   2. a request is signed with the private key over that token (a signed HTTP request);
//   3. the sidecar validates the signed request on /Validate (inbound, spec G.7): 200 with the token's claims;
//   4. the same signed request presented for another method is refused (401): the signature covers it.
// In the demo one sidecar plays both parts: the caller's (it acquires the token) and the API's (it validates it).
// Usage: node examples/proof-of-possession/round-trip.mjs [--sidecar http://127.0.0.1:5000]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createPopKey, popPublicKey, signHttpRequest } from './pop-client.mjs';

// The demo's profile for an app token to the demo sidecar's own API (scripts/lib/demo-config.mjs).
const PROFILE = 'DemoSidecarApp';
// The request the caller signs: where it would send it. Nothing is sent there; it is only signed over.
const SIGNED_REQUEST = { method: 'POST', url: 'https://orders.example/api/orders' };

function sidecarUrl(argv) {
  const flag = argv.indexOf('--sidecar');
  if (flag >= 0 && argv[flag + 1]) return argv[flag + 1];
  const stateFile = resolve(
    process.env.DEMO_TMP_DIR ?? resolve(import.meta.dirname, '../../.tmp'),
    'demo.json',
  );
  try {
    return JSON.parse(readFileSync(stateFile, 'utf8')).sidecar;
  } catch {
    return 'http://127.0.0.1:5000';
  }
}

async function getJson(url, headers = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

function check(label, ok, shown) {
  process.stdout.write(`${ok ? '✓' : '✗'} ${label}${shown === undefined ? '' : `: ${shown}`}\n`);
  if (!ok) process.exitCode = 1;
  return ok;
}

async function main() {
  const sidecar = sidecarUrl(process.argv.slice(2));
  const key = await createPopKey();
  process.stdout.write(`key pair made here; public key thumbprint ${key.kid}\n`);

  const query = `optionsOverride.AcquireTokenOptions.PopPublicKey=${popPublicKey(key)}`;
  const header = await getJson(`${sidecar}/AuthorizationHeaderUnauthenticated/${PROFILE}?${query}`);
  const [scheme, accessToken] = String(header.json?.authorizationHeader).split(' ');
  if (
    !check(
      'the sidecar returned a pop token',
      header.status === 200 && scheme === 'pop',
      `${header.status} ${scheme}`,
    )
  )
    return;
  const claims = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString('utf8'));
  check("the token's cnf names this key", claims.cnf?.kid === key.kid, JSON.stringify(claims.cnf));

  const shr = await signHttpRequest(key, { accessToken, ...SIGNED_REQUEST });
  const signed = {
    authorization: `PoP ${shr}`,
    'original-method': SIGNED_REQUEST.method,
    'original-uri': SIGNED_REQUEST.url,
  };
  const valid = await getJson(`${sidecar}/Validate`, signed);
  check(
    '/Validate accepts the signed request',
    valid.status === 200 && valid.json?.protocol === 'PoP',
    valid.status,
  );
  check(
    '/Validate returns the bound token',
    valid.json?.token === accessToken && valid.json?.claims?.cnf?.kid === key.kid,
  );

  const replayed = await getJson(`${sidecar}/Validate`, { ...signed, 'original-method': 'DELETE' });
  check(
    '/Validate refuses it for another method',
    replayed.status === 401 && /^PoP /.test(replayed.headers.get('www-authenticate') ?? ''),
    `${replayed.status} ${replayed.headers.get('www-authenticate')}`,
  );
  process.stdout.write(
    process.exitCode
      ? 'Proof-of-possession round trip FAILED.\n'
      : 'Proof-of-possession round trip passed.\n',
  );
}

main().catch((error) => {
  process.stderr.write(`round-trip: ${error.message}\n`);
  process.exit(1);
});
