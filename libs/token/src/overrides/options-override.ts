import type { EffectiveAcquireTokenOptions } from '@app/token-core';
import type { Writable } from '../profiles/mutable-options';

/** `AcquireTokenOptions.*` bound from the query (spec C.5); undefined = not supplied. */
export type AcquireTokenOptionsOverride = Partial<
  Writable<Omit<EffectiveAcquireTokenOptions, 'extraQueryParameters'>>
>;

/** Everything a request may override through `optionsOverride.*` (spec C.5). `BaseUrl` is never bound. */
export interface OptionsOverride {
  scopes: string[];
  requestAppToken?: boolean;
  relativePath?: string;
  httpMethod?: string;
  contentType?: string;
  acceptHeader?: string;
  acquireTokenOptions: AcquireTokenOptionsOverride;
  extraHeaderParameters: Record<string, string>;
  extraQueryParameters: Record<string, string>;
}

/** The result of binding the query: what was overridden and whether anything was asked for at all. */
export interface BoundOverrides {
  /** At least one `optionsOverride.*` key other than `optionsOverride.BaseUrl` (spec C.5 "HasAny"). */
  readonly hasAny: boolean;
  /** `optionsOverride.BaseUrl` was supplied (always ignored, spec D). */
  readonly baseUrlSupplied: boolean;
  readonly overrides: OptionsOverride;
  /** Keys supplied but left out because `Sidecar:AllowOverrides:Keys` does not list them (documented casing). */
  readonly ignoredKeys: readonly string[];
}

/** An empty override, a fresh object each time. */
export const emptyOverride = (): OptionsOverride => ({
  scopes: [],
  acquireTokenOptions: {},
  extraHeaderParameters: {},
  extraQueryParameters: {},
});
