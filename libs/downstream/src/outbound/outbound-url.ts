import { SidecarError } from '@app/problem-details';

/** Detail of the 400 for a relative path whose dot-segments climb out of `BaseUrl`'s path. */
export const PATH_OUTSIDE_BASE_DETAIL =
  "The RelativePath leaves the path of the API's BaseUrl: '..' segments may not climb above it.";

/**
 * Spec B.3: `BaseUrl` without its trailing `/`, then `/`, then `RelativePath` without its leading `/`,
 * then each extra query parameter (percent-encoded like .NET's `Uri.EscapeDataString`). The `/` between
 * the two parts means no relative path can change the origin the profile configured; the path check means it
 * cannot leave the profile's path either (a caller's `../../secret` would carry the user's token elsewhere on
 * that host). `..` and `%2e%2e` are resolved by the URL parser before the check.
 */
export function buildOutboundUrl(
  baseUrl: string,
  relativePath: string,
  extraQueryParameters: Readonly<Record<string, string>>,
): URL {
  let text = `${baseUrl.replace(/\/+$/, '')}/${relativePath.replace(/^\/+/, '')}`;
  for (const [name, value] of Object.entries(extraQueryParameters)) {
    text += `${text.includes('?') ? '&' : '?'}${escapeDataString(name)}=${escapeDataString(value)}`;
  }
  const url = new URL(text);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) {
    throw new SidecarError('BAD_REQUEST', PATH_OUTSIDE_BASE_DETAIL);
  }
  return url;
}

// encodeURIComponent leaves !'()* alone; EscapeDataString (RFC 3986 unreserved only) does not.
const escapeDataString = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
