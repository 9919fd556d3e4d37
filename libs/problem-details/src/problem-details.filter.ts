import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, statusForCode } from './error-codes';
import { KnownRoutes } from './known-routes';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem-body';
import { UNEXPECTED_ERROR_DETAIL } from './problem-types';
import { SidecarError } from './sidecar-error';

/**
 * Turns every error into RFC 7807 `application/problem+json`. Detail is shown for 4xx only; a 5xx says
 * `An unexpected error occurred.` and its cause goes to the log under the same correlation id.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly knownRoutes: KnownRoutes) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;

    const error = this.toSidecarError(exception, request);
    const status = statusForCode(error.code);
    if (status >= 500) this.logFailure(error, exception, request);

    const detail = status >= 500 ? UNEXPECTED_ERROR_DETAIL : error.detail;
    reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE);
    if (status === 401) reply.header('www-authenticate', error.challenge ?? 'Bearer');
    if (status === 405 && error.allowedMethods) reply.header('allow', error.allowedMethods.join(', '));
    void reply.send(problemBody(status, detail, request.id));
  }

  private toSidecarError(exception: unknown, request: FastifyRequest): SidecarError {
    if (exception instanceof SidecarError) return exception;
    if (!(exception instanceof HttpException)) return new SidecarError('UNEXPECTED', UNEXPECTED_ERROR_DETAIL);

    const status = exception.getStatus();
    if (status === 404) return this.unmatchedRoute(request);
    // Every media type is accepted (the body is forwarded as bytes): Fastify's 415 means one that does not parse.
    if (status === 415) return new SidecarError('UNSUPPORTED_MEDIA_TYPE', INVALID_CONTENT_TYPE_DETAIL);
    const code = codeForHttpStatus(status);
    return new SidecarError(code, code === 'UNEXPECTED' ? UNEXPECTED_ERROR_DETAIL : exception.message, {
      cause: exception,
    });
  }

  private unmatchedRoute(request: FastifyRequest): SidecarError {
    const path = request.url.split('?')[0];
    const allowed = this.knownRoutes.allowedMethods(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return new SidecarError(
        'METHOD_NOT_ALLOWED',
        `The method ${request.method} is not allowed for ${path}.`,
        {
          allowedMethods: allowed,
        },
      );
    }
    return new SidecarError('ROUTE_NOT_FOUND', `No endpoint serves ${path}.`);
  }

  private logFailure(error: SidecarError, exception: unknown, request: FastifyRequest): void {
    const cause = error.cause ?? exception;
    this.logger.error({
      msg: 'request failed',
      correlationId: request.id,
      code: error.code,
      error:
        cause instanceof Error
          ? { name: cause.name, message: cause.message, stack: cause.stack }
          : String(cause),
    });
  }
}

/** Detail of the 415 for a Content-Type header that is not a media type. */
export const INVALID_CONTENT_TYPE_DETAIL =
  'The Content-Type header is not a valid media type: type/subtype, then optional ;name=value parameters.';

function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 405:
      return 'METHOD_NOT_ALLOWED';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 431:
      return 'HEADERS_TOO_LARGE';
    case 503:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status < 500 ? 'BAD_REQUEST' : 'UNEXPECTED';
  }
}
