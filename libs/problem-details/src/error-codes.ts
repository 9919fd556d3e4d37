/**
 * Every error the sidecar can answer with. Features add their codes here so the mapping to HTTP status
 * stays exhaustive: adding a code without a status is a compile error in `statusForCode`.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  // A client too slow to send its request (Kestrel:Limits:MinRequestBodyDataRate).
  | 'REQUEST_TIMEOUT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'HEADERS_TOO_LARGE'
  | 'SERVICE_UNAVAILABLE'
  | 'UNEXPECTED'
  // Downstream call failures (issue 6): 500 like any unexpected error, the code and cause go to the log.
  | 'DOWNSTREAM_UNREACHABLE'
  | 'DOWNSTREAM_TIMEOUT'
  | 'DOWNSTREAM_RESPONSE_TOO_LARGE'
  // The API the caller named has no BaseUrl, so /DownstreamApi has nothing to call: the caller's 400 (issue 21).
  | 'DOWNSTREAM_NOT_CONFIGURED';

/** The HTTP status for each code; the `never` check keeps this switch exhaustive. */
export function statusForCode(code: ErrorCode): number {
  switch (code) {
    case 'BAD_REQUEST':
    case 'DOWNSTREAM_NOT_CONFIGURED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'ROUTE_NOT_FOUND':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'REQUEST_TIMEOUT':
      return 408;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'HEADERS_TOO_LARGE':
      return 431;
    case 'SERVICE_UNAVAILABLE':
      return 503;
    case 'UNEXPECTED':
    case 'DOWNSTREAM_UNREACHABLE':
    case 'DOWNSTREAM_TIMEOUT':
    case 'DOWNSTREAM_RESPONSE_TOO_LARGE':
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`No HTTP status for error code ${String(unhandled)}`);
    }
  }
}
