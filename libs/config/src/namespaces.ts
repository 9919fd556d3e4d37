import { registerAs } from '@nestjs/config';
import { NAMESPACE_NAMES } from './config.constants';
import type { SidecarSettings } from './sidecar-settings';

// These exported factories carry the KEY and the type; the values come from SidecarConfigModule.forRoot,
// which registers a fresh factory under the same name for each application (no module-level state).
const providedByForRoot =
  <Name extends keyof SidecarSettings>(name: Name) =>
  (): SidecarSettings[Name] => {
    throw new Error(
      `The '${name}' configuration namespace is provided by SidecarConfigModule.forRoot(loadConfiguration()); ` +
        'import that module instead of loading the namespace on its own.',
    );
  };

/** Host namespace: listening addresses, limits, shutdown timeout. */
export const hostConfig = registerAs(NAMESPACE_NAMES.host, providedByForRoot('host'));
/** `AzureAd` namespace: the sidecar's identity and credentials. */
export const azureAdConfig = registerAs(NAMESPACE_NAMES.azureAd, providedByForRoot('azureAd'));
/** `DownstreamApis` namespace: named profiles, looked up case-sensitively. */
export const downstreamApisConfig = registerAs(
  NAMESPACE_NAMES.downstreamApis,
  providedByForRoot('downstreamApis'),
);
/** `Sidecar` namespace: override gates and outbound redirects. */
export const sidecarConfig = registerAs(NAMESPACE_NAMES.sidecar, providedByForRoot('sidecar'));
/** `Logging` namespace: the pino level. */
export const loggingConfig = registerAs(NAMESPACE_NAMES.logging, providedByForRoot('logging'));
