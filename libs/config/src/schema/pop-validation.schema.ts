import { count, flag, optionalText, quote, wordList } from './config-values';
import { parseDurationMs } from './timespan';

/**
 * `Sidecar:PopValidation`: inbound signed HTTP requests (`Authorization: PoP`) on `GET /Validate` (spec G.7).
 * The first eight keys are the reference's; `ReplayProtection` and `ReplayCacheSize` are ours.
 */
export interface PopValidationSettings {
  /** `ValidateM`: the SHR's `m` must equal the `original-method` header. @default true */
  readonly validateM: boolean;
  /** `ValidateU`: the SHR's `u` must be the host (or host:port) of `original-uri`. @default true */
  readonly validateU: boolean;
  /** `ValidateP`: the SHR's `p` must be the path of `original-uri`. @default true */
  readonly validateP: boolean;
  /** `ValidateQ`: the SHR's `q` must cover the query parameters of `original-uri`. @default false */
  readonly validateQ: boolean;
  /** `AcceptUnsignedQueryParameters`: with `q` checked, parameters it does not list are allowed. @default true */
  readonly acceptUnsignedQueryParameters: boolean;
  /** `ValidatePresentClaims`: also check the claims of `ClaimsToValidateWhenPresent` when the SHR has them. @default false */
  readonly validatePresentClaims: boolean;
  /** `SignedHttpRequestLifetime`: how long after its `ts` an SHR is accepted; > 0. @default 300000 (00:05:00) */
  readonly signedHttpRequestLifetimeMs: number;
  /** `ClaimsToValidateWhenPresent`: claim names, matched exactly as the reference does. @default ['m', 'p'] */
  readonly claimsToValidateWhenPresent: readonly string[];
  /** `ReplayProtection`: a second use of one SHR within its lifetime is refused (ours). @default false */
  readonly replayProtection: boolean;
  /** `ReplayCacheSize`: SHRs remembered in memory for replay protection (ours). @default 100000 */
  readonly replayCacheSize: number;
}

const DEFAULT_LIFETIME_MS = 300_000;

/** Documented key names of `Sidecar:PopValidation`. */
export const popValidationShape = {
  ValidateM: flag(true),
  ValidateU: flag(true),
  ValidateP: flag(true),
  ValidateQ: flag(false),
  AcceptUnsignedQueryParameters: flag(true),
  ValidatePresentClaims: flag(false),
  // Spec B.4/G.7: a lifetime of zero or less fails start-up (every SHR would be stale on arrival).
  SignedHttpRequestLifetime: optionalText()
    .refine((value) => value === undefined || (parseDurationMs(value) ?? 0) > 0, {
      error: (issue) =>
        `must be a positive TimeSpan (hh:mm:ss) or number of seconds, not ${quote(String(issue.input))}`,
    })
    .transform((value) =>
      value === undefined ? DEFAULT_LIFETIME_MS : (parseDurationMs(value) ?? DEFAULT_LIFETIME_MS),
    ),
  ClaimsToValidateWhenPresent: wordList(),
  ReplayProtection: flag(false),
  ReplayCacheSize: count(100_000).refine((value) => value >= 1, 'must be at least 1'),
};

/** The typed settings from the parsed `Sidecar:PopValidation` section. */
export const toPopValidationSettings = (raw: {
  ValidateM: boolean;
  ValidateU: boolean;
  ValidateP: boolean;
  ValidateQ: boolean;
  AcceptUnsignedQueryParameters: boolean;
  ValidatePresentClaims: boolean;
  SignedHttpRequestLifetime: number;
  ClaimsToValidateWhenPresent?: string[];
  ReplayProtection: boolean;
  ReplayCacheSize: number;
}): PopValidationSettings => ({
  validateM: raw.ValidateM,
  validateU: raw.ValidateU,
  validateP: raw.ValidateP,
  validateQ: raw.ValidateQ,
  acceptUnsignedQueryParameters: raw.AcceptUnsignedQueryParameters,
  validatePresentClaims: raw.ValidatePresentClaims,
  signedHttpRequestLifetimeMs: raw.SignedHttpRequestLifetime,
  claimsToValidateWhenPresent: raw.ClaimsToValidateWhenPresent ?? ['m', 'p'],
  replayProtection: raw.ReplayProtection,
  replayCacheSize: raw.ReplayCacheSize,
});
