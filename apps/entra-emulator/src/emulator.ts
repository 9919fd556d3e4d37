import { resolve } from 'node:path';
import type { ApplicationInput } from './config/config.schema';
import { Directory } from './config/directory';
import { defaultConfigPath, loadConfigFile, resolveApplication, resolveConfig } from './config/load-config';
import { FaultInjector } from './control/fault-injector';
import { RequestLog } from './control/request-log';
import type { EmulatorContext } from './emulator-context';
import type {
  EmulatorOptions,
  EntraEmulator,
  MintAccessTokenOptions,
  MintedAccessToken,
} from './emulator.types';
import {
  closeServer,
  createEntraServer,
  createManagedIdentityServer,
  listen,
  type ServerState,
} from './servers';
import { ensureDevelopmentCaSigner } from './tls/development-ca';
import { loopbackNameCertificates } from './tls/loopback-name-certificates';
import { EmulatorUrls } from './tokens/emulator-urls';
import { signRs256 } from './tokens/jwt-signer';
import { mintAccessToken } from './tokens/mint-access-token';
import { RefreshTokenStore } from './tokens/refresh-tokens';
import { SigningKeyRing } from './tokens/signing-keys';
import { TokenFactory } from './tokens/token-factory';
import { APP_SERVICE_PATH } from './managed-identity/managed-identity-routes';

const DEFAULT_TOKEN_LIFETIME_SECONDS = 3600;

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function loadDirectory(options: EmulatorOptions): Directory {
  if (options.config) return new Directory(resolveConfig(options.config));
  return new Directory(loadConfigFile(options.configPath ?? defaultConfigPath()));
}

/**
 * Starts the emulator: HTTPS on 127.0.0.1 advertised as `localhost:PORT` (certificate from the development CA;
 * also answering as `<name>.localhost:PORT`, the regional host msal derives), and the managed-identity endpoints
 * on plain HTTP.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EntraEmulator> {
  const directory = loadDirectory(options);
  const ca = await ensureDevelopmentCaSigner(options.certsDir ?? resolve(process.cwd(), '.certs'));
  const keyRing = await SigningKeyRing.create();
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  const state: ServerState = {};
  const entraServer = createEntraServer(
    { key: ca.serverKeyPem, cert: ca.serverCertPem, SNICallback: loopbackNameCertificates(ca) },
    state,
  );
  const managedIdentityServer = createManagedIdentityServer(state);
  const port = await listen(entraServer, options.port ?? 0);
  const managedIdentityPort = await listen(managedIdentityServer, options.managedIdentityPort ?? 0).catch(
    async (error: unknown) => {
      await closeServer(entraServer);
      throw error;
    },
  );
  const urls = new EmulatorUrls(`localhost:${port}`);
  const context: EmulatorContext = {
    directory,
    keyRing,
    urls,
    tokens: new TokenFactory(keyRing, urls, tokenLifetimeSeconds, nowSeconds),
    refreshTokens: new RefreshTokenStore(),
    requests: new RequestLog(),
    faults: new FaultInjector(),
    tokenLifetimeSeconds,
    identityHeader: directory.config.managedIdentity.identityHeader,
    now: nowSeconds,
  };
  const emulator = createHandle(
    context,
    ca.caCertPath,
    `http://127.0.0.1:${managedIdentityPort}`,
    async () => {
      await Promise.all([closeServer(entraServer), closeServer(managedIdentityServer)]);
    },
  );
  state.context = context;
  state.emulator = emulator;
  return emulator;
}

function createHandle(
  context: EmulatorContext,
  caCertPath: string,
  managedIdentityUrl: string,
  close: () => Promise<void>,
): EntraEmulator {
  const { directory, urls, keyRing } = context;
  const tenantId = (tenant?: string): string =>
    tenant === undefined ? directory.defaultTenant.id : (directory.findTenant(tenant)?.id ?? tenant);
  const mint = (options?: MintAccessTokenOptions): Promise<MintedAccessToken> =>
    mintAccessToken(context, options);
  return {
    url: urls.base,
    host: urls.host,
    caCertPath,
    managedIdentity: {
      url: managedIdentityUrl,
      appServiceEndpoint: `${managedIdentityUrl}${APP_SERVICE_PATH}`,
      identityHeader: context.identityHeader,
      imdsHost: managedIdentityUrl,
    },
    config: directory.config,
    authority: (tenant) => urls.authority(tenant ?? tenantId()),
    issuer: (tenant, version = '2.0') => urls.issuer(tenantId(tenant), version),
    tokenEndpoint: (tenant) => urls.tokenEndpoint(tenant ?? tenantId()),
    tenantId,
    mintAccessToken: async (options) => (await mint(options)).accessToken,
    mintAccessTokenWithClaims: mint,
    get signingKeys() {
      return keyRing.info();
    },
    signRaw: (signingInput) => signRs256(signingInput, keyRing.current),
    rotateSigningKey: (options) => keyRing.rotate(options),
    requests: context.requests,
    faults: context.faults,
    registerApplication: (application: ApplicationInput) => {
      const resolved = resolveApplication(application);
      directory.upsertApplication(resolved);
      return resolved;
    },
    expireRefreshTokens: () => context.refreshTokens.expireAll(context.now()),
    close,
  };
}
