import { Injectable } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

interface KnownRoute {
  readonly method: string;
  readonly pattern: RegExp;
}

/**
 * Remembers every route the server registers, so that an unmatched request can be told apart:
 * a path nobody serves is 404, a served path asked with the wrong method is 405 (reference A.5).
 */
@Injectable()
export class KnownRoutes {
  private readonly routes: KnownRoute[] = [];

  /** Must run before routes are registered: Fastify announces each route once, through `onRoute`. */
  observe(instance: FastifyInstance): void {
    instance.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const pattern = toPattern(route.url ?? route.path);
      for (const method of methods) this.routes.push({ method: method.toUpperCase(), pattern });
    });
  }

  /** Methods served at a concrete path; empty when no route matches it at all. */
  allowedMethods(path: string): string[] {
    const allowed = new Set<string>();
    for (const route of this.routes) if (route.pattern.test(path)) allowed.add(route.method);
    return [...allowed].sort();
  }
}

// Fastify patterns: `:name` is one segment, `*` is the rest of the path. Matching is case-insensitive
// because the server is (ASP.NET routing ignores case, and clients of the reference rely on it).
function toPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => {
      if (segment === '*') return '.*';
      if (segment.startsWith(':')) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  return new RegExp(`^${source}/?$`, 'i');
}
