/**
 * Extra headers never sent downstream (spec C.6): exact names, compared case-insensitively. They would
 * let a caller or profile impersonate the sidecar's identity or the platform's authentication headers.
 */
export const RESERVED_HEADER_NAMES: ReadonlySet<string> = new Set([
  'authorization',
  'cookie',
  'host',
  'x-original-url',
  'x-ms-client-principal',
  'x-ms-client-principal-id',
  'x-ms-client-principal-name',
  'x-ms-client-principal-idp',
]);

/** Reserved name prefixes (spec C.6). */
export const RESERVED_HEADER_PREFIXES: readonly string[] = ['x-forwarded-', 'x-ms-token-'];

/**
 * Our addition: headers that frame the message or the connection. The client sets them from the body it
 * really sends; taking them from configuration or the query would allow request smuggling. In .NET they
 * cannot be added as request headers either, so nothing that worked against the reference is lost.
 */
export const FRAMING_HEADER_NAMES: ReadonlySet<string> = new Set([
  'content-type',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
]);

/** Non-`Content-*` response headers that .NET files under content headers (spec C.4 `headers`). */
export const EXTRA_CONTENT_HEADER_NAMES: ReadonlySet<string> = new Set(['expires', 'last-modified', 'allow']);

/** Content headers whose value is a comma-separated list; .NET returns one array item per element. */
export const LIST_CONTENT_HEADER_NAMES: ReadonlySet<string> = new Set([
  'allow',
  'content-encoding',
  'content-language',
]);

/**
 * The content headers .NET knows, under the names it reports them by whatever casing the downstream sent: a
 * .NET client of the reference sees `Content-Type` even when the downstream wrote `content-type`. Other
 * `Content-*` names keep the casing they arrived in.
 */
export const CANONICAL_CONTENT_HEADER_NAMES: ReadonlyMap<string, string> = new Map(
  [
    'Allow',
    'Content-Disposition',
    'Content-Encoding',
    'Content-Language',
    'Content-Length',
    'Content-Location',
    'Content-MD5',
    'Content-Range',
    'Content-Type',
    'Expires',
    'Last-Modified',
  ].map((name) => [name.toLowerCase(), name]),
);
