import type { ManagedIdentityConfig } from '../config/config.schema';
import { grantedRoles, resolveResource } from '../config/resources';
import type { EmulatorContext } from '../emulator-context';

/** Which identity a managed-identity request names (none = system-assigned). */
export interface ManagedIdentitySelector {
  readonly clientId?: string;
  readonly objectId?: string;
  readonly resourceId?: string;
}

export function selectorFromQuery(query: URLSearchParams): ManagedIdentitySelector {
  return {
    clientId: query.get('client_id') ?? undefined,
    objectId: query.get('object_id') ?? query.get('principal_id') ?? undefined,
    resourceId: query.get('mi_res_id') ?? query.get('msi_res_id') ?? undefined,
  };
}

const same = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

export function findManagedIdentity(
  context: EmulatorContext,
  selector: ManagedIdentitySelector,
): ManagedIdentityConfig | undefined {
  const { clientId, objectId, resourceId } = selector;
  if (!clientId && !objectId && !resourceId) {
    return context.directory.findManagedIdentity((identity) => identity.kind === 'system');
  }
  return context.directory.findManagedIdentity(
    (identity) =>
      same(identity.clientId, clientId) ||
      same(identity.objectId, objectId) ||
      same(identity.resourceId, resourceId),
  );
}

export type ManagedIdentityTokenResult =
  | { readonly ok: true; readonly body: Record<string, string> }
  | { readonly ok: false; readonly reason: 'unknown-resource'; readonly resource: string };

/** An app-only token for the identity, in the shape both MI endpoints answer with (numbers as strings). */
export async function issueManagedIdentityToken(
  context: EmulatorContext,
  identity: ManagedIdentityConfig,
  resourceParameter: string,
): Promise<ManagedIdentityTokenResult> {
  // Callers sometimes pass a scope; the MI endpoints take the resource.
  const resourceId = resourceParameter.replace(/\/\.default$/i, '');
  const resource = resolveResource(context.directory, resourceId);
  if (!resource) return { ok: false, reason: 'unknown-resource', resource: resourceId };
  const tenantId = context.directory.tenantIdOf(identity.tenant);
  const issued = await context.tokens.accessToken({
    tenantId,
    resource,
    clientId: identity.clientId,
    clientObjectId: identity.objectId,
    clientAuthMethod: '2',
    roles: grantedRoles(context.directory, identity.permissions, resource),
    extraClaims: { xms_mirid: identity.resourceId },
  });
  const now = context.now();
  return {
    ok: true,
    body: {
      access_token: issued.token,
      expires_on: String(now + issued.expiresIn),
      expires_in: String(issued.expiresIn),
      ext_expires_in: String(issued.expiresIn),
      not_before: String(now),
      resource: resourceId,
      token_type: 'Bearer',
      client_id: identity.clientId,
    },
  };
}
