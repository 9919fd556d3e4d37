import { flag, section } from './config-values';

/** Spec B.4, `Sidecar` section: which routes honour `optionsOverride.*` and agent parameters. */
export interface SidecarFeatureSettings {
  readonly allowOverrides: {
    /** @default true */
    readonly getAuthorizationHeader: boolean;
    /** @default false */
    readonly getAuthorizationHeaderUnauthenticated: boolean;
    /** @default true */
    readonly callDownstreamApi: boolean;
    /** @default false */
    readonly callDownstreamApiUnauthenticated: boolean;
  };
  /** Whether outbound HTTP clients follow 3xx responses. @default false */
  readonly allowOutboundRedirects: boolean;
}

/** Documented key names of `Sidecar:AllowOverrides`. */
export const allowOverridesShape = {
  GetAuthorizationHeader: flag(true),
  GetAuthorizationHeaderUnauthenticated: flag(false),
  CallDownstreamApi: flag(true),
  CallDownstreamApiUnauthenticated: flag(false),
};

/** Documented key names of the `Sidecar` section. */
export const sidecarShape = {
  AllowOverrides: section(allowOverridesShape),
  AllowOutboundRedirects: flag(false),
};

/** Schema of the `Sidecar` section. */
export const sidecarSchema = section(sidecarShape).transform((raw): SidecarFeatureSettings => ({
  allowOverrides: {
    getAuthorizationHeader: raw.AllowOverrides.GetAuthorizationHeader,
    getAuthorizationHeaderUnauthenticated: raw.AllowOverrides.GetAuthorizationHeaderUnauthenticated,
    callDownstreamApi: raw.AllowOverrides.CallDownstreamApi,
    callDownstreamApiUnauthenticated: raw.AllowOverrides.CallDownstreamApiUnauthenticated,
  },
  allowOutboundRedirects: raw.AllowOutboundRedirects,
}));
