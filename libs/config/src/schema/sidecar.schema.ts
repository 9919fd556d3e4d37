import { count, flag, optionalText, quote, section } from './config-values';
import {
  type PopValidationSettings,
  popValidationShape,
  toPopValidationSettings,
} from './pop-validation.schema';
import { overrideKeyList } from './override-keys';
import { parseDurationMs } from './timespan';
import {
  type TokenAcquisitionSettings,
  tokenAcquisitionShape,
  type TokenCacheSettings,
  tokenCacheShape,
  toTokenCacheSettings,
} from './token-cache.schema';
import { toValidationSettings, type ValidationSettings, validationShape } from './validation.schema';

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
    /**
     * `Keys`: the override keys the routes above honour, as lower-case dotted paths (`acquiretokenoptions.tenant`);
     * a request's other keys are ignored with a warning, like a closed gate's. @default undefined (every key)
     */
    readonly keys?: readonly string[];
  };
  /** Whether outbound HTTP clients follow 3xx responses. @default false */
  readonly allowOutboundRedirects: boolean;
  /** `Sidecar:Downstream`: limits of the `/DownstreamApi*` outbound calls (our extension). */
  readonly downstream: DownstreamCallSettings;
  /** `Sidecar:Validation`: inbound token validation. */
  readonly validation: ValidationSettings;
  /** `Sidecar:TokenCache`: the sidecar's own token cache (memory LRU, optional encrypted Redis). */
  readonly tokenCache: TokenCacheSettings;
  /** `Sidecar:TokenAcquisition`: token-endpoint calls. */
  readonly tokenAcquisition: TokenAcquisitionSettings;
  /** `Sidecar:PopValidation`: signed HTTP requests (`Authorization: PoP`) on `GET /Validate` (spec G.7). */
  readonly popValidation: PopValidationSettings;
}

/** Limits of one outbound downstream call (`Sidecar:Downstream:*`). */
export interface DownstreamCallSettings {
  /** `ConnectTimeout`: TCP connect plus TLS handshake. @default 10000 */
  readonly connectTimeoutMs: number;
  /** `RequestTimeout`: one whole exchange, redirects included (.NET HttpClient's 100 s). @default 100000 */
  readonly requestTimeoutMs: number;
  /** `MaxResponseBodySize`: largest downstream body read into `content`, in bytes. @default 10485760 */
  readonly maxResponseBodySizeBytes: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 100_000;

// A TimeSpan (hh:mm:ss) or seconds, strictly positive: a zero timeout would fail every call.
const positiveDuration = (fallbackMs: number) =>
  optionalText()
    .refine((value) => value === undefined || (parseDurationMs(value) ?? 0) > 0, {
      error: (issue) =>
        `must be a positive TimeSpan (hh:mm:ss) or number of seconds, not ${quote(String(issue.input))}`,
    })
    .transform((value) => (value === undefined ? fallbackMs : (parseDurationMs(value) ?? fallbackMs)));

/** Documented key names of `Sidecar:Downstream`. */
export const downstreamCallShape = {
  ConnectTimeout: positiveDuration(DEFAULT_CONNECT_TIMEOUT_MS),
  RequestTimeout: positiveDuration(DEFAULT_REQUEST_TIMEOUT_MS),
  MaxResponseBodySize: count(10_485_760).refine((value) => value > 0, 'must be greater than 0'),
};

/** Documented key names of `Sidecar:AllowOverrides`. */
export const allowOverridesShape = {
  GetAuthorizationHeader: flag(true),
  GetAuthorizationHeaderUnauthenticated: flag(false),
  CallDownstreamApi: flag(true),
  CallDownstreamApiUnauthenticated: flag(false),
  Keys: overrideKeyList(),
};

/** Documented key names of the `Sidecar` section. */
export const sidecarShape = {
  AllowOverrides: section(allowOverridesShape),
  AllowOutboundRedirects: flag(false),
  Downstream: section(downstreamCallShape),
  Validation: section(validationShape),
  TokenCache: section(tokenCacheShape),
  TokenAcquisition: section(tokenAcquisitionShape),
  PopValidation: section(popValidationShape),
};

/** Schema of the `Sidecar` section. */
export const sidecarSchema = section(sidecarShape).transform((raw): SidecarFeatureSettings => ({
  allowOverrides: {
    getAuthorizationHeader: raw.AllowOverrides.GetAuthorizationHeader,
    getAuthorizationHeaderUnauthenticated: raw.AllowOverrides.GetAuthorizationHeaderUnauthenticated,
    callDownstreamApi: raw.AllowOverrides.CallDownstreamApi,
    callDownstreamApiUnauthenticated: raw.AllowOverrides.CallDownstreamApiUnauthenticated,
    keys: raw.AllowOverrides.Keys,
  },
  allowOutboundRedirects: raw.AllowOutboundRedirects,
  downstream: {
    connectTimeoutMs: raw.Downstream.ConnectTimeout,
    requestTimeoutMs: raw.Downstream.RequestTimeout,
    maxResponseBodySizeBytes: raw.Downstream.MaxResponseBodySize,
  },
  validation: toValidationSettings(raw.Validation),
  tokenCache: toTokenCacheSettings(raw.TokenCache),
  tokenAcquisition: { timeoutMs: raw.TokenAcquisition.Timeout },
  popValidation: toPopValidationSettings(raw.PopValidation),
}));
