import {
  type CachedAnswerGuard,
  type CachedAnswerLookup,
  type CachedAnswerSource,
  cachedAnswerSourceOf,
  isCachedAnswerGuard,
} from '@app/cached-answers';
import { type INestApplicationContext, RequestMethod, type Type } from '@nestjs/common';
import {
  GUARDS_METADATA,
  INTERCEPTORS_METADATA,
  METHOD_METADATA,
  PATH_METADATA,
  PIPES_METADATA,
  ROUTE_ARGS_METADATA,
} from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

type Module = ModulesContainer extends Map<string, infer M> ? M : never;

/** One route whose answer the caches may hold, as its controller declares it (see `cachedAnswerRoutes`). */
export interface CachedAnswerRoute {
  readonly method: string;
  /** The route template as the controller registers it, e.g. `/AuthorizationHeader/:apiName`. */
  readonly url: string;
  /** The route's own guard, deciding from the caches; none when the route has no guard. */
  readonly guard?: CachedAnswerGuard;
  readonly lookup: CachedAnswerLookup;
}

/** Why a route cannot be served from the caches safely: the application must not start. */
export class FastPathError extends Error {
  override readonly name = 'FastPathError';
}

const asList = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : value === undefined ? [] : [value];
/** An enhancer's name for a refusal: its class, whether registered as a class, an instance or a wrapper. */
export const enhancerName = (enhancer: unknown): string => {
  if (typeof enhancer === 'function') return enhancer.name;
  const { metatype } = enhancer as { metatype?: unknown };
  // A request-scoped global enhancer is kept as its InstanceWrapper.
  return typeof metatype === 'function' ? metatype.name : (enhancer as object).constructor.name;
};

// As Nest joins a controller's path and a handler's: one leading slash, none repeated, none trailing.
const joinPath = (prefix: string, path: string): string =>
  `/${[prefix, path]
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/')}`;

/**
 * The routes of every controller handler marked `@CachedAnswer`, read from the metadata Nest registers them
 * with (method, path, guards), so they cannot drift from the controllers. Refuses, with the handler's name, a
 * route whose interceptors, pipes or guards the fast path would skip: an interceptor or pipe, or a guard that
 * cannot decide from the caches (`CachedAnswerGuard`).
 */
export function cachedAnswerRoutes(app: INestApplicationContext): CachedAnswerRoute[] {
  const routes: CachedAnswerRoute[] = [];
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (controller === null) continue;
      const prototype = controller.prototype as Record<string, object>;
      for (const name of scanner.getAllMethodNames(prototype)) {
        const source = cachedAnswerSourceOf(prototype[name]);
        if (source === undefined) continue;
        routes.push(...routesOf(app, module, controller, name, source));
      }
    }
  }
  return routes;
}

function routesOf(
  app: INestApplicationContext,
  module: Module,
  controller: Type,
  name: string,
  source: CachedAnswerSource,
): CachedAnswerRoute[] {
  const handler = (controller.prototype as Record<string, object>)[name];
  const where = `${controller.name}.${name}`;
  refuseSkippedEnhancers(controller, handler, name, where);
  const guard = guardOf(app, module, controller, handler, where);
  const lookup = lookupOf(app, source, where);
  const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
  const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller) ?? '/') as string[];
  const paths = asList(Reflect.getMetadata(PATH_METADATA, handler) ?? '/') as string[];
  return prefixes.flatMap((prefix) =>
    paths.map((path) => ({ method, url: joinPath(prefix, path), guard, lookup })),
  );
}

function refuseSkippedEnhancers(controller: Type, handler: object, name: string, where: string): void {
  const skipped = [
    ...[INTERCEPTORS_METADATA, PIPES_METADATA].flatMap((key) => [
      ...asList(Reflect.getMetadata(key, controller)),
      ...asList(Reflect.getMetadata(key, handler)),
    ]),
    ...Object.values(
      (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<
        string,
        { pipes?: unknown[] }
      >,
    ).flatMap((argument) => argument.pipes ?? []),
  ];
  if (skipped.length === 0) return;
  throw new FastPathError(
    `${where} is answered from the caches before Nest's pipeline, which would skip its ` +
      `${skipped.map(enhancerName).join(', ')}. Remove @CachedAnswer from it, or the interceptor or pipe.`,
  );
}

function guardOf(
  app: INestApplicationContext,
  module: Module,
  controller: Type,
  handler: object,
  where: string,
): CachedAnswerGuard | undefined {
  const guards = [
    ...asList(Reflect.getMetadata(GUARDS_METADATA, controller)),
    ...asList(Reflect.getMetadata(GUARDS_METADATA, handler)),
  ];
  if (guards.length === 0) return undefined;
  // The guard instance Nest runs for the route: the controller module's injectable, as Nest resolves it.
  const instances = guards.map((guard): unknown =>
    typeof guard === 'function'
      ? (module.injectables.get(guard)?.instance ?? app.get<unknown>(guard as Type, { strict: false }))
      : guard,
  );
  const [guard] = instances;
  if (instances.length === 1 && isCachedAnswerGuard(guard)) return guard;
  throw new FastPathError(
    `${where} is answered from the caches before Nest's pipeline, which would skip its guards ` +
      `${guards.map(enhancerName).join(', ')}: the fast path runs exactly one guard, one that implements ` +
      'CachedAnswerGuard. Remove @CachedAnswer from it, or give the guard a cache-only decision.',
  );
}

function lookupOf(
  app: INestApplicationContext,
  source: CachedAnswerSource,
  where: string,
): CachedAnswerLookup {
  const provider = app.get<object>(source.provider, { strict: false }) as Record<string, unknown>;
  const lookup = provider[source.method];
  if (typeof lookup !== 'function') {
    throw new FastPathError(
      `${where} names ${source.provider.name}.${source.method}, which is not a method.`,
    );
  }
  return (lookup as CachedAnswerLookup).bind(provider);
}
