import { CORRELATION_ID_HEADER } from '@app/observability';
import { PROBLEM_CONTENT_TYPE, problemBody } from '@app/problem-details';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Detail of the 400 for a path whose percent-encoding does not decode (e.g. `%FF`, `%E2%80`, a bare `%`). */
export const BAD_URL_DETAIL =
  'The request path is not valid: a percent-encoded sequence does not decode to UTF-8.';

/** Detail of the 414 for a path segment longer than the router takes. */
export const SEGMENT_TOO_LONG_DETAIL = 'A segment of the request path is too long.';

/**
 * Fastify's `frameworkErrors`: the router's own refusals, answered before any hook or route runs, get the same
 * problem+json as every other error instead of Fastify's private JSON shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const [status, detail] =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? [414, SEGMENT_TOO_LONG_DETAIL]
      : error.code === 'FST_ERR_BAD_URL'
        ? [400, BAD_URL_DETAIL]
        : [400, 'The request cannot be routed.'];
  void reply
    .status(status)
    .header(CORRELATION_ID_HEADER, request.id)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(problemBody(status, detail, request.id));
}
