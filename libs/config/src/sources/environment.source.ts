import type { ConfigurationEntries } from '../configuration-tree';
import type { SourceResult } from './source-result';

/** Environment variables as the loader receives them. */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>;

// The reference host reads DOTNET_- and ASPNETCORE_-prefixed variables with the prefix stripped
// (ASPNETCORE_URLS → `urls`, ASPNETCORE_ENVIRONMENT → `environment`) underneath the unprefixed ones,
// so DOTNET_ENVIRONMENT is only a fallback for ASPNETCORE_ENVIRONMENT (spec B, B.5).
const STRIPPED_PREFIXES = ['DOTNET_', 'ASPNETCORE_'] as const;

// `__` is ASP.NET's portable section separator: `AzureAd__ClientCredentials__0__SourceType`.
const toKey = (name: string): string => name.split('__').join(':');

// Upper-case names become the lower-case keys .NET documents (`urls`, `http_ports`); mixed case is kept
// because the first-seen casing of a key is what sections are rebuilt with.
const hostKey = (name: string): string =>
  name === name.toUpperCase() ? toKey(name).toLowerCase() : toKey(name);

const definedVariables = (env: EnvironmentVariables): [string, string][] =>
  Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined);

/**
 * Only the DOTNET_/ASPNETCORE_ variables, prefix stripped: the host configuration .NET decides the
 * environment name from. A plain `ENVIRONMENT` variable (common in manifests) must not turn on Development.
 */
export function readHostEnvironmentEntries(env: EnvironmentVariables): ConfigurationEntries {
  const variables = definedVariables(env);
  return STRIPPED_PREFIXES.flatMap((prefix) =>
    variables
      .filter(([name]) => name.toUpperCase().startsWith(prefix) && name.length > prefix.length)
      .map(([name, value]): [string, string] => [hostKey(name.slice(prefix.length)), value]),
  );
}

/** Every environment variable as a configuration entry, like ASP.NET's AddEnvironmentVariables. */
export function readEnvironmentSource(env: EnvironmentVariables): SourceResult {
  const plain = definedVariables(env).map(([name, value]): [string, string] => [toKey(name), value]);
  return { entries: [...readHostEnvironmentEntries(env), ...plain], problems: [] };
}
