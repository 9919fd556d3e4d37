import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultKind } from '../control/fault-injector';
import { buildEntraErrorBody, type ErrorTrace } from './entra-error-body';
import { EntraError } from './entra-error';
import { sendJson } from './http-io';

// AADSTS90033: "A transient error has occurred. Please try again." — what Entra says when it is the problem.
const TRANSIENT_ERROR_CODE = 90033;

function faultError(fault: Exclude<FaultKind, { kind: 'outage' | 'latency' | 'garbage' }>): EntraError {
  if (fault.kind === 'aadsts') {
    return new EntraError(
      fault.code,
      fault.error ?? 'invalid_request',
      fault.status ?? 400,
      fault.description ?? `Injected failure ${fault.code} (emulator fault).`,
    );
  }
  const error = fault.status === 503 || fault.status === 429 ? 'temporarily_unavailable' : 'server_error';
  return new EntraError(
    TRANSIENT_ERROR_CODE,
    error,
    fault.status,
    'A transient error has occurred. Please try again.',
  );
}

/** Answers (or refuses to answer) a request the way an injected fault says. Returns the status sent, if any. */
export function answerWithFault(
  request: IncomingMessage,
  response: ServerResponse,
  fault: FaultKind,
  trace: ErrorTrace,
  baseUrl: string,
): number | undefined {
  switch (fault.kind) {
    case 'outage':
      // No response at all: the client sees a reset connection, as when the authority is unreachable.
      request.socket.destroy();
      return undefined;
    case 'garbage':
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html><body>Service temporarily unavailable {not json</body></html>');
      return 200;
    case 'latency':
      return undefined;
    case 'aadsts':
    case 'status': {
      const error = faultError(fault);
      const retryAfter: Record<string, string> =
        error.error === 'temporarily_unavailable' ? { 'retry-after': '1' } : {};
      sendJson(response, error.status, buildEntraErrorBody(error, trace, baseUrl), retryAfter);
      return error.status;
    }
  }
}
