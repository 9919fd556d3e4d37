import type { ConfigurationProblem } from './config.errors';
import type { ConfigurationTree } from './configuration-tree';
import { type AzureAdSettings, azureAdSchema } from './schema/azure-ad.schema';
import { deepFreeze } from './schema/deep-freeze';
import { type DownstreamApiProfile, downstreamApisSchema } from './schema/downstream-apis.schema';
import { type HostSettings, hostSchema, hostShape } from './schema/host.schema';
import { type LoggingSettings, loggingSchema } from './schema/logging.schema';
import { parseSection, type SectionResult } from './schema/parse-section';
import { type SidecarFeatureSettings, sidecarSchema } from './schema/sidecar.schema';

/** Every typed configuration namespace, as features see it. */
export interface SidecarSettings {
  readonly host: HostSettings;
  readonly azureAd: AzureAdSettings;
  /** Keyed by profile name exactly as written; look-ups are case-sensitive (spec B.3). */
  readonly downstreamApis: ReadonlyMap<string, DownstreamApiProfile>;
  readonly sidecar: SidecarFeatureSettings;
  readonly logging: LoggingSettings;
}

/**
 * Parses every namespace from the merged tree and reports the problems of all of them together.
 */
export function parseSidecarSettings(
  tree: ConfigurationTree,
  environmentName: string | undefined,
): { settings: SidecarSettings; problems: [] } | { settings?: undefined; problems: ConfigurationProblem[] } {
  const hostInput = Object.fromEntries(Object.keys(hostShape).map((key) => [key, tree.toValue(key)]));
  // Like ASP.NET's host environment, the name comes from env vars / command line only (it chose the files).
  hostInput.environment = environmentName;
  const host = parseSection(hostSchema, hostInput, '');
  const azureAd = parseSection(azureAdSchema, tree.toValue('AzureAd'), 'AzureAd');
  const downstreamApis = parseSection(downstreamApisSchema, tree.toValue('DownstreamApis'), 'DownstreamApis');
  const sidecar = parseSection(sidecarSchema, tree.toValue('Sidecar'), 'Sidecar');
  const logging = parseSection(loggingSchema, tree.toValue('Logging'), 'Logging');
  if (host.ok && azureAd.ok && downstreamApis.ok && sidecar.ok && logging.ok) {
    const settings = {
      host: host.value,
      azureAd: azureAd.value,
      downstreamApis: downstreamApis.value,
      sidecar: sidecar.value,
      logging: logging.value,
    };
    // Settings are shared by every request: freeze them so no feature can change another's view.
    return { settings: deepFreeze(settings), problems: [] };
  }
  return { problems: [host, azureAd, downstreamApis, sidecar, logging].flatMap(problemsOf) };
}

const problemsOf = (result: SectionResult<unknown>): ConfigurationProblem[] =>
  result.ok ? [] : result.problems;
