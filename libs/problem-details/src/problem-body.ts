import { problemTypeFor } from './problem-types';

/** The media type of every error answer (RFC 7807). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The JSON of a problem answer, with the reference's type and title for the status and our correlation id. */
export function problemBody(status: number, detail: string, correlationId: string): string {
  const { type, title } = problemTypeFor(status);
  return JSON.stringify({ type, title, status, detail, correlationId });
}
