import { SidecarError } from '@app/problem-details';
import type { InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { loadMsal } from './load-msal';

const isEntraError = (error: unknown): error is ServerError | InteractionRequiredAuthError =>
  error instanceof loadMsal().ServerError ||
  error instanceof loadMsal().InteractionRequiredAuthError ||
  (error instanceof Error && (error.name === 'ServerError' || error.name === 'InteractionRequiredAuthError'));

/**
 * Spec C.3 step 7 at the adapter boundary: an error Entra returned (an AADSTS answer, a user challenge) is a
 * 401 whose detail is Entra's message; everything else (network, timeout, discovery, credential loading) is a
 * 500 whose cause is logged and never returned. Our own SidecarErrors pass through.
 */
export function toSidecarError(error: unknown): SidecarError {
  if (error instanceof SidecarError) return error;
  if (isEntraError(error) && isServiceAnswer(error)) {
    return new SidecarError('UNAUTHENTICATED', entraMessage(error.errorMessage || error.message), {
      cause: error,
    });
  }
  return new SidecarError('UNEXPECTED', 'An unexpected error occurred.', { cause: error });
}

// msal raises ServerError for what the token endpoint said; a 5xx without an Entra error body (outage,
// gateway) is not something the caller can act on, so it is a 500 like any other failure to reach Entra.
function isServiceAnswer(error: ServerError | InteractionRequiredAuthError): boolean {
  const message = error.errorMessage || error.message;
  const status = (error as { status?: number }).status;
  return (
    /AADSTS\d+/.test(message) ||
    error instanceof loadMsal().InteractionRequiredAuthError ||
    (status ?? 400) < 500
  );
}

// msal-node wraps Entra's error_description as `Error(s): … - Timestamp: … - Description: <text> - Correlation ID:
// … - Trace ID: …`; the caller gets Entra's own text (AADSTS code, trace and correlation ids), as the reference does.
export function entraMessage(message: string): string {
  const start = message.indexOf('Description: ');
  if (start < 0) return message;
  const text = message.slice(start + 'Description: '.length);
  const end = text.lastIndexOf(' - Correlation ID: ');
  return (end < 0 ? text : text.slice(0, end)).trim();
}
