import { randomUUID } from 'node:crypto';
import type { EntraError } from './entra-error';

/** Ids that tie an error answer to a request, as Entra reports them. */
export interface ErrorTrace {
  readonly traceId: string;
  readonly correlationId: string;
}

export function newTrace(correlationHeader: string | undefined): ErrorTrace {
  // msal sends `client-request-id`; Entra echoes it as the correlation id.
  return { traceId: randomUUID(), correlationId: correlationHeader || randomUUID() };
}

function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** The JSON body Entra answers with on a failed token request. */
export function buildEntraErrorBody(
  error: EntraError,
  trace: ErrorTrace,
  baseUrl: string,
): Record<string, unknown> {
  const timestamp = entraTimestamp(new Date());
  return {
    error: error.error,
    error_description: `AADSTS${error.code}: ${error.description} Trace ID: ${trace.traceId} Correlation ID: ${trace.correlationId} Timestamp: ${timestamp}`,
    error_codes: [error.code],
    timestamp,
    trace_id: trace.traceId,
    correlation_id: trace.correlationId,
    error_uri: `${baseUrl}/error?code=${error.code}`,
  };
}
