import { flag, optionalText, section, textRecord } from './config-values';

/** `DownstreamApis:<Name>:AcquireTokenOptions` (spec B.3): how the token for the profile is requested. */
export interface AcquireTokenOptionsSettings {
  /** Tenant override for token requests (spec F.8). */
  readonly tenant?: string;
  /** Claims (challenge) JSON sent to Entra. */
  readonly claims?: string;
  readonly correlationId?: string;
  /** Bypass the token cache. @default false */
  readonly forceRefresh: boolean;
  /** Adds `fmi_path` to app-token requests. */
  readonly fmiPath?: string;
  /** Long-running OBO session key (spec F.4); `AllocateForMe` asks the sidecar to allocate one. */
  readonly longRunningWebApiSessionKey?: string;
  /** App path: base64url JSON naming the caller's public key (`kid` and/or `jwk`), sent as `req_cnf` (spec F.5). */
  readonly popPublicKey?: string;
  /** Present whenever the section exists (even empty): switches to the managed-identity app flow (spec F.3). */
  readonly managedIdentity?: { readonly userAssignedClientId?: string };
  readonly authenticationOptionsName?: string;
  /** Extra parameters on the token request. @default {} */
  readonly extraQueryParameters: Readonly<Record<string, string>>;
  /** Extra headers on the token request. @default {} */
  readonly extraHeadersParameters: Readonly<Record<string, string>>;
}

const GUID = /^[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[)}]?$/i;

const managedIdentityShape = { UserAssignedClientId: optionalText() };

/** Documented key names of `AcquireTokenOptions`. */
export const acquireTokenOptionsShape = {
  Tenant: optionalText(),
  Claims: optionalText(),
  // .NET binds CorrelationId as a Guid, so anything else fails there too.
  CorrelationId: optionalText().refine(
    (value) => value === undefined || GUID.test(value.trim()),
    'must be a GUID',
  ),
  ForceRefresh: flag(false),
  FmiPath: optionalText(),
  LongRunningWebApiSessionKey: optionalText(),
  PopPublicKey: optionalText(),
  // Only the section's presence matters, so a missing section stays undefined instead of defaulting to {}.
  ManagedIdentity: section(managedIdentityShape).optional(),
  AuthenticationOptionsName: optionalText(),
  ExtraQueryParameters: textRecord(),
  ExtraHeadersParameters: textRecord(),
};

/** Schema of one profile's `AcquireTokenOptions` section. */
export const acquireTokenOptionsSchema = section(acquireTokenOptionsShape).transform(
  (raw): AcquireTokenOptionsSettings => ({
    tenant: raw.Tenant,
    claims: raw.Claims,
    correlationId: raw.CorrelationId?.trim(),
    forceRefresh: raw.ForceRefresh,
    fmiPath: raw.FmiPath,
    longRunningWebApiSessionKey: raw.LongRunningWebApiSessionKey,
    popPublicKey: raw.PopPublicKey,
    managedIdentity:
      raw.ManagedIdentity === undefined
        ? undefined
        : { userAssignedClientId: raw.ManagedIdentity.UserAssignedClientId },
    authenticationOptionsName: raw.AuthenticationOptionsName,
    extraQueryParameters: raw.ExtraQueryParameters,
    extraHeadersParameters: raw.ExtraHeadersParameters,
  }),
);
