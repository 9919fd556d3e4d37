import type { OutboundRequest, OutboundResponse } from './downstream-http-client';
import { headerValue } from './raw-headers';

/** Redirect statuses followed when `Sidecar:AllowOutboundRedirects` is true (.NET's set). */
const REDIRECT_STATUSES = new Set([300, 301, 302, 303, 307, 308]);

/** Hops before the last 3xx is returned as is (WHATWG fetch's limit). */
export const MAX_REDIRECTS = 20;

// Headers that describe the body; dropped with it when a redirect turns the request into a GET.
const BODY_HEADER = /^content-/i;

/**
 * The request to send after `response`, or undefined when it is not a redirect to follow. Rules as
 * .NET's redirect handler applies them: 300/301/302 turn POST into GET, 303 turns anything but
 * GET/HEAD into GET, 307/308 resend as is; an https → http downgrade is not followed; and the
 * Authorization header is never sent to a redirect target (the token was acquired for the configured
 * URL, not for wherever a 3xx points).
 */
export function redirectTarget(
  request: OutboundRequest,
  response: OutboundResponse,
): OutboundRequest | undefined {
  if (!REDIRECT_STATUSES.has(response.statusCode)) return undefined;
  const location = headerValue(response.rawHeaders, 'location');
  if (location === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(location, request.url);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (request.url.protocol === 'https:' && url.protocol === 'http:') return undefined;

  const toGet =
    (response.statusCode <= 302 && request.method === 'POST') ||
    (response.statusCode === 303 && request.method !== 'GET' && request.method !== 'HEAD');
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(
      ([name]) => name.toLowerCase() !== 'authorization' && !(toGet && BODY_HEADER.test(name)),
    ),
  );
  return toGet
    ? { url, method: 'GET', headers }
    : { url, method: request.method, headers, body: request.body };
}
