import { v2Authority } from './bearer-token';
import { DEFAULT_AUDIENCES, DEFAULT_AUTHORITY } from './demo-api.constants';

/** Parsed command line (and environment) of `main.js`. */
export interface DemoApiArguments {
  readonly port: number;
  readonly authority: string;
  readonly audiences: readonly string[];
}

const USAGE =
  'usage: node dist/apps/demo-api/main.js [--port 5080] [--authority <url>] [--audience <aud>[,<aud>…]]\n' +
  '       (or DEMO_API_PORT, DEMO_API_AUTHORITY, DEMO_API_AUDIENCE)';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`--port must be a port number.\n${USAGE}`);
  return port;
}

function parseAuthority(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--authority must be an absolute URL.\n${USAGE}`);
  }
  return v2Authority(url);
}

const list = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** Flags win over the environment; the defaults match docker-compose.yml. */
export function parseCliArguments(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): DemoApiArguments {
  let port = env.DEMO_API_PORT ? parsePort(env.DEMO_API_PORT) : 5080;
  let authority = parseAuthority(env.DEMO_API_AUTHORITY || DEFAULT_AUTHORITY);
  let audiences = env.DEMO_API_AUDIENCE ? list(env.DEMO_API_AUDIENCE) : [...DEFAULT_AUDIENCES];
  let flagAudiences: string[] | undefined;
  for (let index = 0; index < argv.length; index += 2) {
    const [flag, value] = [argv[index], argv[index + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value.\n${USAGE}`);
    if (flag === '--port') port = parsePort(value);
    else if (flag === '--authority') authority = parseAuthority(value);
    else if (flag === '--audience') flagAudiences = [...(flagAudiences ?? []), ...list(value)];
    else throw new Error(`Unknown option ${flag}.\n${USAGE}`);
  }
  if (flagAudiences) audiences = flagAudiences;
  if (audiences.length === 0) throw new Error(`--audience must name at least one audience.\n${USAGE}`);
  return { port, authority, audiences };
}
