/** `type` and `title` per status, as ASP.NET Core writes them, so clients of the reference see the same. */
const PROBLEM_TYPES: Readonly<Record<number, { type: string; title: string }>> = {
  400: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'Bad Request' },
  401: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.2', title: 'Unauthorized' },
  403: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.4', title: 'Forbidden' },
  404: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.5', title: 'Not Found' },
  405: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.6', title: 'Method Not Allowed' },
  408: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.9', title: 'Request Timeout' },
  413: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.14', title: 'Content Too Large' },
  414: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.15', title: 'URI Too Long' },
  415: { type: 'https://tools.ietf.org/html/rfc9110#section-15.5.16', title: 'Unsupported Media Type' },
  431: { type: 'https://tools.ietf.org/html/rfc6585#section-5', title: 'Request Header Fields Too Large' },
  500: {
    type: 'https://tools.ietf.org/html/rfc9110#section-15.6.1',
    title: 'An error occurred while processing your request.',
  },
  502: { type: 'https://tools.ietf.org/html/rfc9110#section-15.6.3', title: 'Bad Gateway' },
  503: { type: 'https://tools.ietf.org/html/rfc9110#section-15.6.4', title: 'Service Unavailable' },
  504: { type: 'https://tools.ietf.org/html/rfc9110#section-15.6.5', title: 'Gateway Timeout' },
};

/** Type URI and title for a status; unlisted 4xx/5xx fall back to the generic 400/500 entries. */
export function problemTypeFor(status: number): { type: string; title: string } {
  return PROBLEM_TYPES[status] ?? PROBLEM_TYPES[status >= 500 ? 500 : 400];
}

/** The only detail a 5xx ever shows: causes are logged, never returned. */
export const UNEXPECTED_ERROR_DETAIL = 'An unexpected error occurred.';
