import { join } from 'node:path';
import { ConfigurationError, type ConfigurationProblem } from './config.errors';
import { ConfigurationTree } from './configuration-tree';
import { type SidecarSettings, parseSidecarSettings } from './sidecar-settings';
import { readCommandLineSource } from './sources/command-line.source';
import { readEnvironmentSource, readHostEnvironmentEntries } from './sources/environment.source';
import { readJsonFileSource } from './sources/json-file.source';

/** Where configuration is read from; every field defaults to the current process. */
export interface LoadConfigurationOptions {
  /** Directory holding `appsettings*.json`. @default process.cwd() */
  readonly cwd?: string;
  /** @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** @default process.argv.slice(2) */
  readonly argv?: readonly string[];
}

/** The merged raw configuration and the validated, typed settings built from it. */
export interface LoadedConfiguration {
  readonly tree: ConfigurationTree;
  readonly settings: SidecarSettings;
}

/**
 * Builds the configuration like ASP.NET's WebApplicationBuilder (spec B): appsettings.json <
 * appsettings.{Environment}.json < environment variables < command line, then validates every namespace.
 * The only place in the project that reads process.env.
 */
export function loadConfiguration(options: LoadConfigurationOptions = {}): LoadedConfiguration {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const environment = readEnvironmentSource(env);
  const commandLine = readCommandLineSource(options.argv ?? process.argv.slice(2));
  // Like .NET's host configuration, the environment name comes only from DOTNET_/ASPNETCORE_ variables and
  // the command line, and is known before appsettings.{Environment}.json is chosen.
  const hostLayers = [readHostEnvironmentEntries(env), commandLine.entries];
  const environmentName = ConfigurationTree.fromLayers(hostLayers).get('environment');
  const base = readJsonFileSource(join(cwd, 'appsettings.json'));
  const named = readNamedSettings(cwd, environmentName || 'Production');
  const tree = ConfigurationTree.fromLayers([
    base.entries,
    named.entries,
    environment.entries,
    commandLine.entries,
  ]);
  const parsed = parseSidecarSettings(tree, environmentName);
  const problems: ConfigurationProblem[] = [
    ...base.problems,
    ...named.problems,
    ...commandLine.problems,
    ...parsed.problems,
  ];
  if (problems.length > 0 || parsed.settings === undefined) throw new ConfigurationError(problems);
  return { tree, settings: parsed.settings };
}

// A name with a path separator is reported by the host schema; never let it steer which file is read.
const readNamedSettings = (cwd: string, name: string) =>
  /[\\/]/.test(name)
    ? { entries: [], problems: [] }
    : readJsonFileSource(join(cwd, `appsettings.${name}.json`));
