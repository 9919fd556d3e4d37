/** Reads, merges and validates the sidecar's configuration (appsettings, env vars, command line). */
export { loadConfiguration } from './load-configuration';
/** The result of `loadConfiguration`: the merged tree and the typed settings. */
export type { LoadedConfiguration } from './load-configuration';
/** Case-insensitive flat `Section:Key` → string map of the merged configuration. */
export { ConfigurationTree } from './configuration-tree';
/** Thrown when configuration is invalid; `problems` lists every bad key. */
export { ConfigurationError } from './config.errors';
/** Host namespace types: listening addresses, limits, shutdown. */
export type { HostSettings } from './schema/host.schema';
/** `Kestrel:Limits:MinRequestBodyDataRate`: the slowest request body the sidecar accepts. */
export type { MinDataRate } from './schema/kestrel-limits.schema';
/** One listening address. */
export type { ListenAddress } from './schema/listen-address';
/** `AzureAd` namespace type. */
export type { AzureAdSettings } from './schema/azure-ad.schema';
/** A credential description (spec B.2). */
export type { CredentialDescription } from './schema/credential.schema';
/** A named downstream API profile (spec B.3). */
export type { DownstreamApiProfile } from './schema/downstream-apis.schema';
/** A profile's `AcquireTokenOptions`: the one definition the token libs derive their shapes from. */
export type { AcquireTokenOptionsSettings } from './schema/acquire-token-options.schema';
/** `Sidecar` namespace type (spec B.4). */
export type { SidecarFeatureSettings } from './schema/sidecar.schema';
/** Whether `Sidecar:AllowOverrides:Keys` lets a route honour a request's override key or agent parameter. */
export { isOverrideKeyAllowed } from './schema/override-keys';
/** The keys `Sidecar:AllowOverrides:Keys` may list (configuration form, `AcquireTokenOptions:Tenant`). */
export { OVERRIDE_KEYS } from './schema/override-keys';
/** `Sidecar:PopValidation` type: inbound signed HTTP requests on `/Validate` (spec G.7). */
export type { PopValidationSettings } from './schema/pop-validation.schema';

/** Where the Redis token cache lives (standalone, Cluster or Sentinel) and how it is reached (password, TLS). */
export type { RedisEndpoint, RedisSettings, RedisTopology } from './schema/redis.schema';
/** registerAs namespaces: inject with `@Inject(azureAdConfig.KEY)` typed `ConfigType<typeof azureAdConfig>`. */
export { azureAdConfig, downstreamApisConfig, loggingConfig, sidecarConfig } from './namespaces';
/** Global module wiring one `LoadedConfiguration` into @nestjs/config. */
export { SidecarConfigModule } from './config.module';
/** Injection token of the merged `ConfigurationTree`. */
export { CONFIGURATION_TREE } from './config.constants';
