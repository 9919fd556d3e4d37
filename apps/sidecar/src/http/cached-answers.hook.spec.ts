import { HttpMetrics } from '@app/observability';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { CachedAnswerRoute } from './cached-answer-routes';
import { installCachedAnswers } from './cached-answers.hook';

describe('installCachedAnswers', () => {
  let instance: FastifyInstance;
  let metrics: HttpMetrics;
  const handled: string[] = [];

  afterEach(async () => {
    handled.length = 0;
    await instance.close();
  });

  // A route served from a "cache" of one name: /items/cached has an answer, every other item does not.
  const itemRoute: CachedAnswerRoute = {
    method: 'GET',
    url: '/items/:name',
    lookup: (request: FastifyRequest) =>
      (request.params as { name: string }).name === 'cached' ? '{"from":"cache"}' : undefined,
  };

  async function serve(routes: readonly CachedAnswerRoute[]): Promise<void> {
    // Arrange: the answer passes the application's hooks as any other (here an onSend header and a count).
    instance = Fastify();
    metrics = new HttpMetrics();
    instance.addHook('onSend', (_request, reply, payload, done) => {
      void reply.header('x-on-send', 'ran');
      done(null, payload);
    });
    installCachedAnswers(instance, routes, metrics);
    instance.get('/items/:name', { onRequest: (_request, _reply, done) => done() }, (request, reply) => {
      handled.push(request.url);
      void reply.type('application/json; charset=utf-8').send('{"from":"handler"}');
    });
    instance.get('/other', (_request, reply) => {
      handled.push('/other');
      void reply.send('other');
    });
    await instance.ready();
  }

  const served = async (): Promise<string | undefined> =>
    /^sidecar_http_cached_answers_total\{route="\/items\/:name"\} (\d+)/m.exec(
      (await metrics.render()).body,
    )?.[1];

  it('should answer from the lookup without running the handler, through the application hooks', async () => {
    await serve([itemRoute]);

    // Act
    const response = await instance.inject({ method: 'GET', url: '/items/cached' });

    // Assert
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['x-on-send']).toBe('ran');
    expect(response.body).toBe('{"from":"cache"}');
    expect(handled).toEqual([]);
    expect(await served()).toBe('1');
  });

  it('should leave a request the lookup cannot answer to the route handler', async () => {
    await serve([itemRoute]);

    const response = await instance.inject({ method: 'GET', url: '/items/new' });

    expect(response.body).toBe('{"from":"handler"}');
    expect(handled).toEqual(['/items/new']);
    expect(await served()).toBe('0');
  });

  it('should only hook the routes and methods it was given', async () => {
    await serve([itemRoute, { method: 'GET', url: '/nowhere', lookup: () => '{}' }]);

    const other = await instance.inject({ method: 'GET', url: '/other' });
    const head = await instance.inject({ method: 'HEAD', url: '/items/cached' });

    expect(other.body).toBe('other');
    expect(head.statusCode).toBe(200);
    expect(handled).toEqual(['/other', '/items/cached']);
  });

  it('should keep the route hooks already declared', async () => {
    // Arrange: a route whose own onRequest hook refuses the request
    instance = Fastify();
    installCachedAnswers(instance, [itemRoute], new HttpMetrics());
    instance.get(
      '/items/:name',
      { onRequest: (_request, reply) => void reply.code(403).send() },
      (_request, reply) => void reply.send('handler'),
    );

    // Act
    const response = await instance.inject({ method: 'GET', url: '/items/cached' });

    // Assert: the route's hook runs first and its refusal stands
    expect(response.statusCode).toBe(403);
  });
});
