import { z } from 'zod';

// The emulator's directory, as a JSON file or an object passed by a test. Names are short handles for people
// and tests ("demo", "demo-user"); ids are the GUIDs that appear in tokens.

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export const tenantSchema = z.object({
  name: z.string().min(1),
  id: guid,
  domains: z.array(z.string()).default([]),
  displayName: z.string().optional(),
});

export const certificateSchema = z
  .object({
    /** PEM of the public certificate; the private key never belongs here. */
    pem: z.string().optional(),
    /** Path to a PEM file, relative to the config file. */
    path: z.string().optional(),
  })
  .refine((value) => value.pem !== undefined || value.path !== undefined, 'needs pem or path');

export const federatedCredentialSchema = z.object({
  name: z.string().default('federated-credential'),
  /** Issuer of the external token. `emulator` stands for any issuer of this emulator (v1 or v2, any tenant). */
  issuer: z.string(),
  subject: z.string(),
  audiences: z.array(z.string()).default(['api://AzureADTokenExchange']),
  /** Public keys of an external issuer (a JWK set); not needed for the emulator's own issuer. */
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
});

export const permissionSchema = z.object({
  /** The resource: a client id, an identifier URI or an application name. */
  resource: z.string(),
  /** Application permissions (app roles) granted by admin consent. */
  roles: z.array(z.string()).default([]),
});

export const applicationSchema = z.object({
  name: z.string().min(1),
  clientId: guid,
  /** Object id of the service principal: the `oid` of app-only tokens. Defaults to a GUID derived from the client id. */
  objectId: guid.optional(),
  tenant: z.string(),
  displayName: z.string().optional(),
  multiTenant: z.boolean().default(false),
  identifierUris: z.array(z.string()).default([]),
  clientSecrets: z.array(z.string()).default([]),
  certificates: z.array(certificateSchema).default([]),
  federatedCredentials: z.array(federatedCredentialSchema).default([]),
  /** Delegated permissions this API exposes (`scp` values). */
  scopes: z.array(z.string()).default([]),
  /** App roles this API defines (`roles` values). */
  appRoles: z.array(z.string()).default([]),
  /** Application permissions this client holds on other APIs. */
  permissions: z.array(permissionSchema).default([]),
  /** `requestedAccessTokenVersion` of the API: the version of access tokens issued for it. */
  accessTokenVersion: z.union([z.literal(1), z.literal(2)]).default(2),
});

export const agentUserSchema = z.object({
  name: z.string().min(1),
  oid: guid,
  upn: z.string(),
  displayName: z.string().optional(),
});

export const agentIdentitySchema = z.object({
  name: z.string().min(1),
  /** The agent identity's id: its client id and the `oid` of its app tokens. */
  id: guid,
  displayName: z.string().optional(),
  permissions: z.array(permissionSchema).default([]),
  agentUsers: z.array(agentUserSchema).default([]),
});

export const agentBlueprintSchema = z.object({
  /** The application (name or client id) that acts as the blueprint. */
  application: z.string(),
  agentIdentities: z.array(agentIdentitySchema).default([]),
});

export const userSchema = z.object({
  name: z.string().min(1),
  oid: guid,
  upn: z.string(),
  tenant: z.string(),
  displayName: z.string().optional(),
  givenName: z.string().optional(),
  familyName: z.string().optional(),
});

export const managedIdentitySchema = z.object({
  name: z.string().min(1),
  kind: z.enum(['system', 'user']),
  clientId: guid,
  objectId: guid,
  resourceId: z.string().optional(),
  tenant: z.string(),
  permissions: z.array(permissionSchema).default([]),
});

export const emulatorConfigSchema = z.object({
  defaultTenant: z.string().optional(),
  tenants: z.array(tenantSchema).min(1),
  applications: z.array(applicationSchema).default([]),
  agentBlueprints: z.array(agentBlueprintSchema).default([]),
  users: z.array(userSchema).default([]),
  managedIdentities: z.array(managedIdentitySchema).default([]),
  managedIdentity: z
    .object({ identityHeader: z.string().min(1).default('emulator-identity-header') })
    .default({
      identityHeader: 'emulator-identity-header',
    }),
  demo: z
    .object({
      /** The app registration the demo sidecar runs as: the default audience of minted user tokens. */
      sidecarApplication: z.string().optional(),
      /** The app registration that calls the sidecar: the default `azp` of minted user tokens. */
      clientApplication: z.string().optional(),
    })
    .default({}),
});

/** The emulator's directory as written in a JSON file (defaults optional). */
export type EmulatorConfig = z.input<typeof emulatorConfigSchema>;
/** The emulator's directory after validation (defaults filled in). */
export type ResolvedEmulatorConfig = z.output<typeof emulatorConfigSchema>;
export type TenantConfig = z.output<typeof tenantSchema>;
export type ApplicationConfig = z.output<typeof applicationSchema>;
export type ApplicationInput = z.input<typeof applicationSchema>;
export type AgentIdentityConfig = z.output<typeof agentIdentitySchema>;
export type AgentUserConfig = z.output<typeof agentUserSchema>;
export type UserConfig = z.output<typeof userSchema>;
export type ManagedIdentityConfig = z.output<typeof managedIdentitySchema>;
export type PermissionConfig = z.output<typeof permissionSchema>;
export type FederatedCredentialConfig = z.output<typeof federatedCredentialSchema>;
