import type { ValidatorFactory } from '@fastify/ajv-compiler';
import type { SerializerFactory } from '@fastify/fast-json-stringify-compiler';

interface CompilersFactory {
  buildValidator: ValidatorFactory;
  buildSerializer: SerializerFactory;
}

/**
 * Fastify's own JSON-schema compilers (ajv, fast-json-stringify), loaded the first time a route declares a
 * schema. Fastify builds both when a server is created, which was about a tenth of the sidecar's start-up,
 * and no sidecar route declares one: Nest validates nothing through Fastify (Swagger UI's routes, in
 * Development only, may). Handing Fastify factories also marks its compilers as custom, which changes one
 * thing: the property names of a `headers` schema are taken as written, not lower-cased; no route has one.
 */
export function lazySchemaCompilers(): CompilersFactory {
  let validator: ValidatorFactory | undefined;
  let serializer: SerializerFactory | undefined;
  const buildValidator: ValidatorFactory = (...args) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
    validator ??= (require('@fastify/ajv-compiler') as () => ValidatorFactory)();
    return validator(...args);
  };
  const buildSerializer: SerializerFactory = (...args) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberate lazy load, see above
    serializer ??= (require('@fastify/fast-json-stringify-compiler') as () => SerializerFactory)();
    return serializer(...args);
  };
  return { buildValidator, buildSerializer };
}
