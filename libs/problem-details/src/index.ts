/** Errors with stable codes; features throw these, never HTTP exceptions. */
export { SidecarError } from './sidecar-error';
/** The closed list of error codes (each maps to one HTTP status). */
export type { ErrorCode } from './error-codes';
/** Declares problem+json responses on an operation. */
export { ApiProblemResponses } from './api-problem-responses.decorator';
/** Route registry that tells 404 from 405; the app lets it observe Fastify before routes are added. */
export { KnownRoutes } from './known-routes';
/** The module that installs the global problem+json filter. */
export { ProblemDetailsModule } from './problem-details.module';
/** The media type and JSON body of an error answer, for answers written outside Nest's filter. */
export { PROBLEM_CONTENT_TYPE, problemBody } from './problem-body';
