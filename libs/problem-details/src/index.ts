/** Errors with stable codes; features throw these, never HTTP exceptions. */
export { SidecarError, type SidecarErrorOptions } from './sidecar-error';
/** The closed list of error codes and their single mapping to HTTP status. */
export { type ErrorCode, statusForCode } from './error-codes';
/** The text every 5xx answer carries instead of its cause. */
export { UNEXPECTED_ERROR_DETAIL, problemTypeFor } from './problem-types';
/** RFC 7807 body schema for the OpenAPI document. */
export { ProblemDetailsDto } from './problem-details.dto';
/** Declares problem+json responses on an operation. */
export { ApiProblemResponses } from './api-problem-responses.decorator';
/** Route registry that tells 404 from 405; the app lets it observe Fastify before routes are added. */
export { KnownRoutes } from './known-routes';
/** The global filter and the module that installs it. */
export { ProblemDetailsFilter } from './problem-details.filter';
export { ProblemDetailsModule } from './problem-details.module';
