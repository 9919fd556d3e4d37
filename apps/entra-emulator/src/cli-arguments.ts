import { resolve } from 'node:path';

/** Parsed command line of `main.js`. */
export interface CliArguments {
  readonly command: 'start' | 'ca';
  readonly port: number;
  readonly managedIdentityPort: number;
  readonly configPath?: string;
  readonly certsDir: string;
}

const USAGE =
  'usage: node dist/apps/entra-emulator/main.js [ca] [--port 5443] [--mi-port 5444] [--config path] [--certs-dir .certs]';

function parsePort(name: string, value: string | undefined): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number.\n${USAGE}`);
  return port;
}

export function parseCliArguments(argv: readonly string[]): CliArguments {
  const args = [...argv];
  const command = args[0] === 'ca' ? 'ca' : 'start';
  if (command === 'ca') args.shift();
  let port = 5443;
  let managedIdentityPort = 5444;
  let configPath: string | undefined;
  let certsDir = resolve(process.cwd(), '.certs');
  while (args.length > 0) {
    const flag = args.shift();
    const value = args.shift();
    if (value === undefined) throw new Error(`${flag ?? ''} needs a value.\n${USAGE}`);
    if (flag === '--port') port = parsePort(flag, value);
    else if (flag === '--mi-port') managedIdentityPort = parsePort(flag, value);
    else if (flag === '--config') configPath = resolve(value);
    else if (flag === '--certs-dir') certsDir = resolve(value);
    else throw new Error(`Unknown option ${flag ?? ''}.\n${USAGE}`);
  }
  return { command, port, managedIdentityPort, configPath, certsDir };
}
