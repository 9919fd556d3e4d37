import type { AuthorizationHeaderResultDto } from './dto/authorization-header-result.dto';
import type { AuthorizationHeaderResult } from '@app/token-core';

/** What a successful `GET /AuthorizationHeader*` answers: the result and its JSON body. */
export interface AuthorizationHeaderAnswer {
  readonly result: AuthorizationHeaderResult;
  readonly body: string;
}

/** The JSON body of a successful `GET /AuthorizationHeader*` (spec C.3 step 8). */
export function serializeResult(result: AuthorizationHeaderResult): string {
  const dto: AuthorizationHeaderResultDto = {
    authorizationHeader: result.authorizationHeader,
    expiresOn: result.expiresOn.toISOString(),
    ...(result.longRunningWebApiSessionKey === undefined
      ? {}
      : { longRunningWebApiSessionKey: result.longRunningWebApiSessionKey }),
  };
  return JSON.stringify(dto);
}

/** Where the header's text starts in the body `serializeResult` writes. */
const HEADER_OFFSET = '{"authorizationHeader":"'.length;

/**
 * A result and its body, built together: the header is then a view into the body (V8 keeps a slice of a long
 * string as a reference to it) rather than a second ~1.5 KB copy of the token kept for as long as it is cached.
 */
export function resultWithBody(authorizationHeader: string, expiresOn: Date): AuthorizationHeaderAnswer {
  const body = serializeResult({ authorizationHeader, expiresOn });
  const view = body.slice(HEADER_OFFSET, HEADER_OFFSET + authorizationHeader.length);
  // A header that JSON had to escape is not found verbatim in the body: it is kept as it is.
  const result = Object.freeze({
    authorizationHeader: view === authorizationHeader ? view : authorizationHeader,
    expiresOn,
  });
  return { result, body };
}

/**
 * The answer for a result that is not served again (an agent's token, an allocated session key): its body is
 * written when a route sends it, never for the downstream route, which only needs the header.
 */
export class AnswerOnDemand implements AuthorizationHeaderAnswer {
  private written: string | undefined;

  constructor(readonly result: AuthorizationHeaderResult) {}

  get body(): string {
    return (this.written ??= serializeResult(this.result));
  }
}
