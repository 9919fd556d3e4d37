import { createHash } from 'node:crypto';
import type {
  AgentIdentityConfig,
  AgentUserConfig,
  ApplicationConfig,
  ManagedIdentityConfig,
  PermissionConfig,
  ResolvedEmulatorConfig,
  TenantConfig,
  UserConfig,
} from './config.schema';

/** The audience of federated-identity exchange tokens (Entra's well-known value). */
export const TOKEN_EXCHANGE_RESOURCE = 'api://AzureADTokenExchange';

/** Something that can authenticate at the token endpoint: an app registration or an agent identity. */
export interface DirectoryClient {
  readonly kind: 'application' | 'agent';
  readonly clientId: string;
  readonly objectId: string;
  readonly homeTenantId: string;
  readonly multiTenant: boolean;
  readonly permissions: readonly PermissionConfig[];
  /** Set for app registrations. */
  readonly application?: ApplicationConfig;
  /** Set for agent identities. */
  readonly agent?: AgentIdentityConfig;
  /** The blueprint that owns an agent identity. */
  readonly blueprint?: ApplicationConfig;
}

/** A user, or an agent user (then `agent` is the agent identity it belongs to). */
export interface DirectoryUser {
  readonly name: string;
  readonly oid: string;
  readonly upn: string;
  readonly tenantId: string;
  readonly displayName?: string;
  readonly givenName?: string;
  readonly familyName?: string;
  readonly agentId?: string;
}

/** A GUID derived from a seed, so object ids stay stable across runs without being written down. */
export function derivedGuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

/** Read-only lookups over the resolved configuration; applications can be added at run time. */
export class Directory {
  constructor(readonly config: ResolvedEmulatorConfig) {}

  get defaultTenant(): TenantConfig {
    return (
      (this.config.defaultTenant && this.findTenant(this.config.defaultTenant)) || this.config.tenants[0]
    );
  }

  /** Finds a tenant by id, name or verified domain (case-insensitive). */
  findTenant(segment: string): TenantConfig | undefined {
    const key = segment.toLowerCase();
    return this.config.tenants.find(
      (tenant) =>
        tenant.id.toLowerCase() === key ||
        tenant.name.toLowerCase() === key ||
        tenant.domains.some((domain) => domain.toLowerCase() === key),
    );
  }

  findApplication(nameOrClientId: string): ApplicationConfig | undefined {
    const key = nameOrClientId.toLowerCase();
    return this.config.applications.find(
      (app) => app.clientId.toLowerCase() === key || app.name.toLowerCase() === key,
    );
  }

  /** Replaces (by client id) or adds an application registration. */
  upsertApplication(application: ApplicationConfig): void {
    const index = this.config.applications.findIndex((app) => app.clientId === application.clientId);
    if (index >= 0) this.config.applications[index] = application;
    else this.config.applications.push(application);
  }

  applicationObjectId(application: ApplicationConfig): string {
    return application.objectId ?? derivedGuid(`sp:${application.clientId}`);
  }

  tenantIdOf(tenantRef: string): string {
    return this.findTenant(tenantRef)?.id ?? tenantRef;
  }

  findAgent(nameOrId: string): { agent: AgentIdentityConfig; blueprint: ApplicationConfig } | undefined {
    const key = nameOrId.toLowerCase();
    for (const entry of this.config.agentBlueprints) {
      const blueprint = this.findApplication(entry.application);
      const agent = entry.agentIdentities.find(
        (a) => a.id.toLowerCase() === key || a.name.toLowerCase() === key,
      );
      if (blueprint && agent) return { agent, blueprint };
    }
    return undefined;
  }

  /** The client (app or agent identity) with this client id, if it may sign in to `tenantId`. */
  findClient(clientId: string, tenantId?: string): DirectoryClient | undefined {
    const client = this.clientById(clientId);
    if (!client || tenantId === undefined) return client;
    return client.multiTenant || client.homeTenantId === tenantId ? client : undefined;
  }

  private clientById(clientId: string): DirectoryClient | undefined {
    if (!isGuid(clientId)) return undefined;
    const application = this.findApplication(clientId);
    if (application) {
      return {
        kind: 'application',
        clientId: application.clientId,
        objectId: this.applicationObjectId(application),
        homeTenantId: this.tenantIdOf(application.tenant),
        multiTenant: application.multiTenant,
        permissions: application.permissions,
        application,
      };
    }
    const found = this.findAgent(clientId);
    if (!found) return undefined;
    return {
      kind: 'agent',
      clientId: found.agent.id,
      objectId: found.agent.id,
      homeTenantId: this.tenantIdOf(found.blueprint.tenant),
      multiTenant: found.blueprint.multiTenant,
      permissions: found.agent.permissions,
      agent: found.agent,
      blueprint: found.blueprint,
    };
  }

  /** Finds a user or agent user by name, UPN or object id. */
  findUser(ref: string): DirectoryUser | undefined {
    const key = ref.toLowerCase();
    const matches = (candidate: { name: string; oid: string; upn: string }): boolean =>
      candidate.name.toLowerCase() === key ||
      candidate.oid.toLowerCase() === key ||
      candidate.upn.toLowerCase() === key;
    const user = this.config.users.find(matches);
    if (user) return this.fromUser(user);
    for (const entry of this.config.agentBlueprints) {
      const blueprint = this.findApplication(entry.application);
      for (const agent of entry.agentIdentities) {
        const agentUser = agent.agentUsers.find(matches);
        if (agentUser && blueprint) return this.fromAgentUser(agentUser, agent, blueprint);
      }
    }
    return undefined;
  }

  findManagedIdentity(
    predicate: (identity: ManagedIdentityConfig) => boolean,
  ): ManagedIdentityConfig | undefined {
    return this.config.managedIdentities.find(predicate);
  }

  private fromUser(user: UserConfig): DirectoryUser {
    return { ...user, tenantId: this.tenantIdOf(user.tenant) };
  }

  private fromAgentUser(
    user: AgentUserConfig,
    agent: AgentIdentityConfig,
    blueprint: ApplicationConfig,
  ): DirectoryUser {
    return { ...user, tenantId: this.tenantIdOf(blueprint.tenant), agentId: agent.id };
  }
}
