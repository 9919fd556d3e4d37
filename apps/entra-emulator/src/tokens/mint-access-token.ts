import { grantedRoles, resolveResource, splitScope, type Resource } from '../config/resources';
import type { EmulatorContext } from '../emulator-context';
import type { MintAccessTokenOptions, MintedAccessToken } from '../emulator.types';

/** Thrown for mint options that name something the directory does not know. */
export class MintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MintError';
  }
}

function scopeList(options: MintAccessTokenOptions): string[] {
  const raw = options.scopes ?? options.scope ?? [];
  return (typeof raw === 'string' ? raw.split(/\s+/) : [...raw]).filter((scope) => scope.length > 0);
}

function audienceResource(context: EmulatorContext, audience: string): Resource {
  // Unknown audiences are used verbatim so tests can mint tokens for anything.
  return (
    resolveResource(context.directory, audience) ?? {
      identifier: audience,
      audienceV2: audience,
      accessTokenVersion: 2,
      isTokenExchange: false,
    }
  );
}

function defaultAudience(context: EmulatorContext, scopes: readonly string[]): string {
  const qualified = scopes.map(splitScope).find((scope) => scope.resource !== undefined);
  if (qualified?.resource) return qualified.resource;
  const sidecar = context.directory.config.demo.sidecarApplication;
  if (!sidecar)
    throw new MintError('No audience given and the configuration names no demo sidecar application.');
  return sidecar;
}

function overridesWithRemovals(
  claims: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  // JSON cannot carry `undefined`, so `null` also means "remove this claim".
  return Object.fromEntries(Object.entries(claims ?? {}).map(([name, value]) => [name, value ?? undefined]));
}

/** Mints an access token for tests and the demo: no grant, no client authentication, everything overridable. */
export async function mintAccessToken(
  context: EmulatorContext,
  options: MintAccessTokenOptions = {},
): Promise<MintedAccessToken> {
  const { directory } = context;
  const scopes = scopeList(options);
  const user = options.user ? directory.findUser(options.user) : undefined;
  if (options.user && !user) throw new MintError(`Unknown user '${options.user}'.`);
  const tenantRef = options.tenant ?? user?.tenantId ?? directory.defaultTenant.id;
  const tenant = directory.findTenant(tenantRef);
  if (!tenant) throw new MintError(`Unknown tenant '${tenantRef}'.`);
  const clientRef = options.client ?? directory.config.demo.clientApplication;
  const client = clientRef
    ? directory.findClient(directory.findApplication(clientRef)?.clientId ?? clientRef)
    : undefined;
  if (!client) throw new MintError(`Unknown client '${clientRef ?? '(none configured)'}'.`);
  const resource = audienceResource(context, options.audience ?? defaultAudience(context, scopes));
  const roles = options.roles ?? (user ? undefined : grantedRoles(directory, client.permissions, resource));
  const issued = await context.tokens.accessToken({
    tenantId: tenant.id,
    resource,
    version: options.version,
    clientId: client.clientId,
    clientObjectId: client.objectId,
    clientAuthMethod: '1',
    user,
    scopes: user ? scopes.map((scope) => splitScope(scope).value) : undefined,
    roles,
    extraClaims: overridesWithRemovals(options.claims),
    lifetimeSeconds: options.expiresIn,
    issuedAt: options.issuedAt,
    notBefore: options.notBefore,
    header: options.header ? { ...options.header } : undefined,
    signWith: options.signWith,
  });
  return { accessToken: issued.token, claims: issued.claims, expiresIn: issued.expiresIn };
}
