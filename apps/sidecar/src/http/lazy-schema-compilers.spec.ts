import fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { lazySchemaCompilers } from './lazy-schema-compilers';

const loaded = (name: string): boolean => require.cache[require.resolve(name)] !== undefined;

describe('lazySchemaCompilers', () => {
  it('should load neither compiler for a server whose routes declare no schema', async () => {
    // Arrange
    const server = fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
    server.get('/plain', () => ({ ok: true }));

    // Act
    await server.ready();

    // Assert
    expect(loaded('@fastify/ajv-compiler')).toBe(false);
    expect(loaded('@fastify/fast-json-stringify-compiler')).toBe(false);
    await server.close();
  });

  it('should validate and serialise as Fastify does once a route declares a schema', async () => {
    // Arrange
    const server = fastify({ schemaController: { compilersFactory: lazySchemaCompilers() } });
    server.post(
      '/echo',
      {
        schema: {
          body: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
          response: { 200: { type: 'object', properties: { name: { type: 'string' } } } },
        },
      },
      (request) => ({ ...(request.body as object), secret: 'not in the schema' }),
    );

    // Act
    const rejected = await server.inject({ method: 'POST', url: '/echo', payload: { other: 1 } });
    const accepted = await server.inject({ method: 'POST', url: '/echo', payload: { name: 'a' } });

    // Assert
    expect(rejected.statusCode).toBe(400);
    expect(accepted.json()).toEqual({ name: 'a' });
    expect(loaded('@fastify/ajv-compiler')).toBe(true);
    expect(loaded('@fastify/fast-json-stringify-compiler')).toBe(true);
    await server.close();
  });
});
