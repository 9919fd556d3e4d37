import { quote } from './config-values';

/** One address the HTTP server listens on. */
export interface ListenAddress {
  /** The URL as configured, e.g. `http://+:5000`. */
  readonly url: string;
  /** Host to bind: `::` for all interfaces, `localhost`, or an IP literal. */
  readonly host: string;
  readonly port: number;
}

/** Raw host keys that choose the listening address, in ASP.NET's casing. */
export interface ListenAddressKeys {
  readonly kestrelUrl?: string;
  readonly urls?: string;
  readonly httpPorts?: string;
}

/** Addresses, or problems keyed by the configuration key that caused them. */
export interface ListenAddressResult {
  readonly addresses: ListenAddress[];
  readonly problems: { readonly key: string; readonly reason: string }[];
}

const DEFAULT_ADDRESS: ListenAddress = { url: 'http://0.0.0.0:5000', host: '0.0.0.0', port: 5000 };
const URL_PATTERN =
  /^(?<scheme>[a-z][a-z0-9+.-]*):\/\/(?<host>\[[^\]]*\]|[^/:]*)(?::(?<port>[^/]*))?(?<path>\/.*)?$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PORT = /^\d{1,5}$/;

const split = (list: string | undefined): string[] =>
  (list ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter(Boolean);
const toPort = (text: string): number | undefined =>
  PORT.test(text) && Number(text) <= 65535 ? Number(text) : undefined;

// Kestrel binds `+`, `*` and any host name other than localhost to every interface; IP literals bind as given.
function bindHost(host: string): string {
  if (host.startsWith('[')) return host.slice(1, -1);
  if (host.toLowerCase() === 'localhost' || IPV4.test(host)) return host.toLowerCase();
  return '::';
}

function parseUrl(url: string): ListenAddress | string {
  // A URL with user information may carry a password: say what is wrong without quoting it.
  if (url.includes('@')) return 'must not contain user information (user:password@)';
  const match = URL_PATTERN.exec(url);
  if (!match?.groups) return `must be an http:// URL such as http://127.0.0.1:5000, not ${quote(url)}`;
  const { scheme, host, port, path } = match.groups;
  if (scheme.toLowerCase() === 'https') {
    return `${quote(url)} uses https, but the sidecar serves plain HTTP only (it is reached over loopback); use http://`;
  }
  if (scheme.toLowerCase() !== 'http') return `must be an http:// URL, not ${quote(url)}`;
  if (host === '') return `must name a host, e.g. http://127.0.0.1:5000, not ${quote(url)}`;
  if (path !== undefined && path !== '/') return `must not contain a path (${quote(url)})`;
  const portNumber = port === undefined ? 80 : toPort(port);
  if (portNumber === undefined) return `has an invalid port (${quote(url)})`;
  return { url, host: bindHost(host), port: portNumber };
}

function parseUrls(key: string, urls: string[]): ListenAddressResult {
  const parsed = urls.map(parseUrl);
  const problems = parsed.filter((item) => typeof item === 'string').map((reason) => ({ key, reason }));
  return { addresses: parsed.filter((item) => typeof item !== 'string'), problems };
}

/** Spec A.3 / decisions §1: Kestrel:Endpoints:Http:Url, then `urls`, then `http_ports`, then 0.0.0.0:5000. */
export function resolveListenAddresses(keys: ListenAddressKeys): ListenAddressResult {
  if (keys.kestrelUrl !== undefined) return parseUrls('Kestrel:Endpoints:Http:Url', [keys.kestrelUrl.trim()]);
  if (split(keys.urls).length > 0) return parseUrls('urls', split(keys.urls));
  const ports = split(keys.httpPorts);
  if (ports.length === 0) return { addresses: [DEFAULT_ADDRESS], problems: [] };
  const invalid = ports.filter((port) => toPort(port) === undefined);
  return {
    addresses: ports.map((port) => ({ url: `http://*:${port}`, host: '::', port: Number(port) })),
    problems: invalid.map((port) => ({
      key: 'http_ports',
      reason: `must list ports separated by ';', not ${quote(port)}`,
    })),
  };
}
