import { ArgumentsHost, BadRequestException, HttpException, Logger, NotFoundException } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KnownRoutes } from './known-routes';
import { ProblemDetailsFilter } from './problem-details.filter';
import { SidecarError } from './sidecar-error';

interface CapturedReply {
  status?: number;
  headers: Record<string, string>;
  body?: Record<string, unknown>;
}

function hostFor(method: string, url: string, captured: CapturedReply): ArgumentsHost {
  const reply = {
    sent: false,
    status(code: number) {
      captured.status = code;
      return reply;
    },
    header(name: string, value: string) {
      captured.headers[name] = value;
      return reply;
    },
    send(payload: string) {
      captured.body = JSON.parse(payload) as Record<string, unknown>;
      return reply;
    },
  };
  const request = { id: 'corr-1', method, url };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
}

function filterWithRoutes(routes: Record<string, string[]> = {}): ProblemDetailsFilter {
  const known = { allowedMethods: (path: string) => routes[path] ?? [] } as unknown as KnownRoutes;
  return new ProblemDetailsFilter(known);
}

describe('ProblemDetailsFilter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('should answer a coded 4xx with its detail and the correlation id', () => {
    // Arrange
    const captured: CapturedReply = { headers: {} };
    const error = new SidecarError('BAD_REQUEST', "No scopes found for the API 'graph'.");

    // Act
    filterWithRoutes().catch(error, hostFor('GET', '/AuthorizationHeader/graph', captured));

    // Assert
    expect(captured.status).toBe(400);
    expect(captured.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(captured.body).toEqual({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
      title: 'Bad Request',
      status: 400,
      detail: "No scopes found for the API 'graph'.",
      correlationId: 'corr-1',
    });
  });

  it('should hide the detail of a 5xx and log its cause instead', () => {
    // Arrange
    const captured: CapturedReply = { headers: {} };
    const logged = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const cause = new Error('connect ECONNREFUSED 10.0.0.1:443 client_secret=hunter2');

    // Act
    filterWithRoutes().catch(cause, hostFor('GET', '/x', captured));

    // Assert
    expect(captured.status).toBe(500);
    expect(captured.body).toMatchObject({ status: 500, detail: 'An unexpected error occurred.' });
    expect(JSON.stringify(captured.body)).not.toContain('ECONNREFUSED');
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ correlationId: 'corr-1', code: 'UNEXPECTED' }),
    );
  });

  it('should hide the detail of a coded 5xx too', () => {
    const captured: CapturedReply = { headers: {} };
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    filterWithRoutes().catch(
      new SidecarError('UNEXPECTED', 'vault said no: secret=abc'),
      hostFor('GET', '/x', captured),
    );
    expect(captured.body?.detail).toBe('An unexpected error occurred.');
  });

  it('should add a Bearer challenge to every 401', () => {
    const plain: CapturedReply = { headers: {} };
    const detailed: CapturedReply = { headers: {} };
    const challenge = 'Bearer error="invalid_token", error_description="The token expired"';
    filterWithRoutes().catch(
      new SidecarError('UNAUTHENTICATED', 'No token.'),
      hostFor('GET', '/Validate', plain),
    );
    filterWithRoutes().catch(
      new SidecarError('UNAUTHENTICATED', 'Expired.', { challenge }),
      hostFor('GET', '/Validate', detailed),
    );
    expect(plain.headers['www-authenticate']).toBe('Bearer');
    expect(detailed.headers['www-authenticate']).toBe(challenge);
  });

  it('should tell an unknown path (404) from a wrong method on a known path (405)', () => {
    const unknown: CapturedReply = { headers: {} };
    const wrongMethod: CapturedReply = { headers: {} };
    const filter = filterWithRoutes({ '/AuthorizationHeader/test': ['GET', 'HEAD'] });
    filter.catch(new NotFoundException(), hostFor('GET', '/nope?x=1', unknown));
    filter.catch(new NotFoundException(), hostFor('POST', '/AuthorizationHeader/test', wrongMethod));
    expect(unknown.status).toBe(404);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.allow).toBe('GET, HEAD');
  });

  it('should keep the status and message of framework 4xx errors', () => {
    const captured: CapturedReply = { headers: {} };
    filterWithRoutes().catch(new BadRequestException('Body is not valid.'), hostFor('POST', '/x', captured));
    expect(captured.status).toBe(400);
    expect(captured.body?.detail).toBe('Body is not valid.');
  });

  it('should say what is wrong with a Content-Type that does not parse (415)', () => {
    const captured: CapturedReply = { headers: {} };
    filterWithRoutes().catch(
      new HttpException('Unsupported Media Type', 415),
      hostFor('POST', '/DownstreamApi/x', captured),
    );
    expect(captured.status).toBe(415);
    expect(captured.body?.detail).toBe(
      'The Content-Type header is not a valid media type: type/subtype, then optional ;name=value parameters.',
    );
  });
});
