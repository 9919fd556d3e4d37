import { CORRELATION_ID_HEADER } from '@app/observability';
import { PROBLEM_CONTENT_TYPE, problemBody } from '@app/problem-details';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Detail of the 408 for request headers that did not complete in time. */
export const HEADERS_TIMEOUT_DETAIL =
  'The request headers did not arrive within Kestrel:Limits:RequestHeadersTimeout.';

/** Detail of the 431 for a request head larger than the server takes. */
export const HEADERS_TOO_LARGE_DETAIL =
  'The request headers are larger than Kestrel:Limits:MaxRequestHeadersTotalSize.';

/** Detail of the 400 for bytes that are not an HTTP/1.1 request. */
export const MALFORMED_REQUEST_DETAIL = 'The request is not valid HTTP/1.1.';

/**
 * The servers' `clientError`: what Node's HTTP parser refuses before a request exists (a head too large or too
 * slow, bytes that are not HTTP) gets a problem+json answer like every other error, instead of Node's empty
 * answer or Fastify's private JSON. The connection is closed afterwards, as Node does: its state is unknown.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, HEADERS_TIMEOUT_DETAIL]
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, HEADERS_TOO_LARGE_DETAIL]
        : [400, MALFORMED_REQUEST_DETAIL];
  if (socket.writable) {
    const correlationId = randomUUID();
    const body = problemBody(status, detail, correlationId);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `${CORRELATION_ID_HEADER}: ${correlationId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy();
}
