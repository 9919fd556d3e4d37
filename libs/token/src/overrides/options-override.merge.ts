import type { MutableDownstreamOptions } from '../profiles/mutable-options';
import type { OptionsOverride } from './options-override';

const nonEmpty = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Merges bound overrides into a request's own copy of the profile (spec D), in place. Differences from the
 * reference (decisions.md): a configured `ForceRefresh` or `CorrelationId` survives unless the request
 * overrides it. `BaseUrl` is never merged.
 */
export function mergeOverrides(
  left: MutableDownstreamOptions,
  right: OptionsOverride,
): MutableDownstreamOptions {
  if (right.scopes.length > 0) left.scopes = [...right.scopes];
  // An override can turn the app-token path on, never off.
  if (right.requestAppToken === true) left.requestAppToken = true;
  if (nonEmpty(right.relativePath)) left.relativePath = right.relativePath;
  if (nonEmpty(right.httpMethod)) left.httpMethod = right.httpMethod.toUpperCase();
  if (nonEmpty(right.contentType)) left.contentType = right.contentType;
  if (nonEmpty(right.acceptHeader)) left.acceptHeader = right.acceptHeader;

  const target = left.acquireTokenOptions;
  const source = right.acquireTokenOptions;
  if (nonEmpty(source.tenant)) target.tenant = source.tenant;
  if (nonEmpty(source.claims)) target.claims = source.claims;
  if (nonEmpty(source.fmiPath)) target.fmiPath = source.fmiPath;
  if (nonEmpty(source.longRunningWebApiSessionKey)) {
    target.longRunningWebApiSessionKey = source.longRunningWebApiSessionKey;
  }
  if (nonEmpty(source.popPublicKey)) target.popPublicKey = source.popPublicKey;
  if (source.correlationId !== undefined) target.correlationId = source.correlationId;
  if (source.forceRefresh !== undefined) target.forceRefresh = source.forceRefresh;
  if (source.managedIdentity !== undefined) target.managedIdentity = { ...source.managedIdentity };

  // Union; the request wins on conflicts (spec D).
  left.extraHeaderParameters = { ...left.extraHeaderParameters, ...right.extraHeaderParameters };
  left.extraQueryParameters = { ...left.extraQueryParameters, ...right.extraQueryParameters };
  return left;
}
