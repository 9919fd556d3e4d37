#!/usr/bin/env node
// `npm run demo:token`: prints a token from the running demo's Entra emulator on stdout and nothing else, so
// `TOKEN=$(npm run -s demo:token)` works. By default a user token for the demo sidecar (what a web app would send).
import { resolve } from 'node:path';
import { CERTS_DIR } from './lib/demo-config.mjs';
import { mintBody, mintToken, readCa } from './lib/emulator-client.mjs';
import { readState } from './lib/state.mjs';

const USAGE = `usage: npm run -s demo:token -- [--user <name|upn|oid>] [--scope <scope>] [--app] [--emulator <url>]
  --user      the signed-in user: demo-user (default), other-user, partner-user, a UPN or an oid
  --scope     delegated scope(s) on the demo sidecar, space-separated (default access_as_user)
  --app       an app-only token of the demo client (roles Sidecar.Call) instead of a user token
  --emulator  the emulator's URL (default: the running demo's, else https://localhost:5443)`;

function parseArguments(argv) {
  const options = { user: 'demo-user', scope: 'access_as_user', app: false, emulator: undefined };
  for (let index = 0; index < argv.length; index++) {
    const flag = argv[index];
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    if (flag === '--user') options.user = value();
    else if (flag === '--scope') options.scope = value();
    else if (flag === '--emulator') options.emulator = value();
    else if (flag === '--app') options.app = true;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const state = readState();
  const emulator = options.emulator ?? state?.emulator ?? 'https://localhost:5443';
  const ca = readCa(state?.caCertPath ?? resolve(CERTS_DIR, 'ca.pem'));
  let minted;
  try {
    minted = await mintToken(emulator, ca, mintBody(options));
  } catch (error) {
    // No answer at all (refused, reset, TLS): most likely no demo is running there.
    const unreachable = error.code !== undefined;
    const hint = unreachable
      ? '\n  Is the demo running? Start it in another terminal with: npm run demo'
      : '';
    const cause = unreachable ? `${error.code} ${error.message}` : error.message;
    throw new Error(`no token from the Entra emulator at ${emulator}: ${cause}${hint}`, { cause: error });
  }
  process.stdout.write(`${minted.access_token}\n`);
}

main().catch((error) => {
  process.stderr.write(`demo:token: ${error.message}\n`);
  process.exit(1);
});
