/** CONFIG:CONFIGURATION_TREE — the merged raw `ConfigurationTree`, for features that need raw sections. */
export const CONFIGURATION_TREE = 'CONFIG:CONFIGURATION_TREE';

/** The registerAs namespace names; the tokens Nest derives from them are what consumers inject. */
export const NAMESPACE_NAMES = {
  host: 'host',
  azureAd: 'azureAd',
  downstreamApis: 'downstreamApis',
  sidecar: 'sidecar',
  logging: 'logging',
} as const;
