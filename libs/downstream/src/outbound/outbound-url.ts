/**
 * Spec B.3: `BaseUrl` without its trailing `/`, then `/`, then `RelativePath` without its leading `/`,
 * then each extra query parameter (percent-encoded like .NET's `Uri.EscapeDataString`). The `/` between
 * the two parts means no relative path can change the origin the profile configured.
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
  return new URL(text);
}

// encodeURIComponent leaves !'()* alone; EscapeDataString (RFC 3986 unreserved only) does not.
const escapeDataString = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
