/** Entra emulator: a local, Entra-shaped authority for tests, scripts and the demo. */
export { startEmulator } from './emulator';
/** Ensures the development CA (`<dir>/ca.pem`, for NODE_EXTRA_CA_CERTS) and the localhost certificate exist. */
export { ensureDevelopmentCa, type DevelopmentCa } from './tls/development-ca';
/** Options, the running emulator's handle, and the shapes it deals in. */
export type {
  EmulatorFaults,
  EmulatorOptions,
  EmulatorRequests,
  EntraEmulator,
  ManagedIdentityEndpoints,
  MintAccessTokenOptions,
  MintedAccessToken,
} from './emulator.types';
/** Configuration: the schema (zod) and its types. */
export { emulatorConfigSchema } from './config/config.schema';
export type {
  ApplicationConfig,
  ApplicationInput,
  EmulatorConfig,
  ResolvedEmulatorConfig,
} from './config/config.schema';
/** Reads and validates a configuration file; the path of the shipped demo tenant. */
export { defaultConfigPath, loadConfigFile, EmulatorConfigError } from './config/load-config';
/** Failure injection and request-log types. */
export type { Fault, FaultKind, FaultMatcher } from './control/fault-injector';
export type { RecordedRequest, RequestFilter, RequestKind } from './control/request-log';
export type { SigningKeysInfo } from './tokens/signing-keys';
/** The audience of federated-identity exchange tokens. */
export { TOKEN_EXCHANGE_RESOURCE } from './config/directory';
