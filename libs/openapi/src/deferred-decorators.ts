import type * as Swagger from '@nestjs/swagger';

/** The @nestjs/swagger module, once loaded. */
export type SwaggerModule = typeof Swagger;

type DecoratorFactoryName =
  | 'ApiBody'
  | 'ApiConsumes'
  | 'ApiExcludeController'
  | 'ApiExcludeEndpoint'
  | 'ApiExtraModels'
  | 'ApiHeader'
  | 'ApiOkResponse'
  | 'ApiOperation'
  | 'ApiParam'
  | 'ApiProperty'
  | 'ApiPropertyOptional'
  | 'ApiQuery'
  | 'ApiSchema'
  | 'ApiSecurity'
  | 'ApiTags';

type Decorate = (...target: unknown[]) => unknown;

/**
 * Decorations waiting for @nestjs/swagger. Loading it is a large part of the sidecar's start-up, and only a
 * Development sidecar (or a test) ever builds the OpenAPI document, so the decorators only record what they were
 * asked and where; `loadOpenApiMetadata` replays them, in the order they ran, on the real ones.
 */
const pending: ((swagger: SwaggerModule) => void)[] = [];

/** Records one decoration of `target` (class, prototype and key, or method descriptor) for later. */
const recordFor =
  (decorator: (swagger: SwaggerModule) => Decorate) =>
  (...target: unknown[]): undefined => {
    pending.push((swagger) => decorator(swagger)(...target));
    return undefined;
  };

function deferred<N extends DecoratorFactoryName>(name: N): SwaggerModule[N] {
  const factory = (...options: unknown[]) =>
    recordFor((swagger) => (swagger[name] as (...args: unknown[]) => Decorate)(...options));
  return factory;
}

/**
 * A decorator built from the loaded module, for what needs more than a decorator call at declaration time
 * (e.g. `getSchemaPath`, which reads the metadata of other classes).
 */
export function ApiDeferred(
  build: (swagger: SwaggerModule) => ClassDecorator | MethodDecorator | PropertyDecorator,
): ClassDecorator & MethodDecorator & PropertyDecorator {
  return recordFor((swagger) => build(swagger) as Decorate);
}

export const ApiBody = deferred('ApiBody');
export const ApiConsumes = deferred('ApiConsumes');
export const ApiExcludeController = deferred('ApiExcludeController');
export const ApiExcludeEndpoint = deferred('ApiExcludeEndpoint');
export const ApiExtraModels = deferred('ApiExtraModels');
export const ApiHeader = deferred('ApiHeader');
export const ApiOkResponse = deferred('ApiOkResponse');
export const ApiOperation = deferred('ApiOperation');
export const ApiParam = deferred('ApiParam');
export const ApiProperty = deferred('ApiProperty');
export const ApiPropertyOptional = deferred('ApiPropertyOptional');
export const ApiQuery = deferred('ApiQuery');
export const ApiSchema = deferred('ApiSchema');
export const ApiSecurity = deferred('ApiSecurity');
export const ApiTags = deferred('ApiTags');

/**
 * Loads @nestjs/swagger and applies every decoration recorded so far; call it before building a document.
 * Decorations of modules loaded later wait for the next call.
 */
export async function loadOpenApiMetadata(): Promise<SwaggerModule> {
  // In the built app, @nestjs/swagger and what it loads are a file of their own (openapi.chunk.js), read only here.
  const swagger = await import(/* webpackChunkName: "openapi" */ '@nestjs/swagger');
  for (const apply of pending.splice(0)) apply(swagger);
  return swagger;
}
