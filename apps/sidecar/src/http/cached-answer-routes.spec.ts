import { CachedAnswer, type CachedAnswerGuard } from '@app/cached-answers';
import { HttpMetrics } from '@app/observability';
import {
  type CallHandler,
  type CanActivate,
  Catch,
  Controller,
  Get,
  Injectable,
  Module,
  type NestInterceptor,
  Param,
  ParseIntPipe,
  type Type,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { cachedAnswerRoutes, FastPathError } from './cached-answer-routes';
import { installCachedAnswers } from './cached-answers.hook';
import { assertNothingSkipped } from './skipped-enhancers.check';

// A guard that decides from the caches (here: a header saying the caller is known), and answers looked up
// for one item name; every other item, and every unknown caller, goes to the handler.
@Injectable()
class KnownCallerGuard implements CanActivate, CachedAnswerGuard<string> {
  canActivate(): boolean {
    return true;
  }
  admitFromCache(request: FastifyRequest): string | undefined {
    const caller = request.headers['x-caller'];
    return typeof caller === 'string' ? caller : undefined;
  }
  keepAdmission(): void {}
}

@Injectable()
class ItemAnswers {
  item(request: FastifyRequest, caller: string): string | undefined {
    const { name } = request.params as { name: string };
    return name === 'cached' ? JSON.stringify({ from: 'cache', caller }) : undefined;
  }
}

@Injectable()
class PlainGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Injectable()
class PassThroughInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler) {
    return next.handle();
  }
}

@Controller('items')
class ItemController {
  @Get(':name')
  @UseGuards(KnownCallerGuard)
  @CachedAnswer(ItemAnswers, 'item')
  item(@Param('name') name: string): string {
    return JSON.stringify({ from: 'handler', name });
  }
}

@Controller('intercepted')
class InterceptedController {
  @Get(':name')
  @UseGuards(KnownCallerGuard)
  @UseInterceptors(PassThroughInterceptor)
  @CachedAnswer(ItemAnswers, 'item')
  item(): string {
    return 'handler';
  }
}

@Controller('plain')
class PlainGuardController {
  @Get(':name')
  @UseGuards(PlainGuard)
  @CachedAnswer(ItemAnswers, 'item')
  item(): string {
    return 'handler';
  }
}

@Controller('parsed')
class ParsedController {
  @Get(':name')
  @UseGuards(KnownCallerGuard)
  @CachedAnswer(ItemAnswers, 'item')
  item(@Param('name', ParseIntPipe) name: number): string {
    return String(name);
  }
}

@Catch()
class AnyFilter {
  catch(): void {}
}

describe('cachedAnswerRoutes', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function appWith(controller: Type): Promise<NestFastifyApplication> {
    @Module({ controllers: [controller], providers: [ItemAnswers, KnownCallerGuard, PlainGuard] })
    class FixtureModule {}
    app = await NestFactory.create<NestFastifyApplication>(FixtureModule, new FastifyAdapter(), {
      logger: false,
    });
    return app;
  }

  it('should take method, path and guard from the controller and answer hits before the handler', async () => {
    // Arrange
    const app = await appWith(ItemController);
    const metrics = new HttpMetrics();

    // Act
    const routes = cachedAnswerRoutes(app);
    const installation = installCachedAnswers(app.getHttpAdapter().getInstance(), routes, metrics);
    await app.init();
    installation.assertComplete();
    const hit = await app.inject({ method: 'GET', url: '/items/cached', headers: { 'x-caller': 'known' } });
    const unknownCaller = await app.inject({ method: 'GET', url: '/items/cached' });

    // Assert
    expect(routes.map(({ method, url }) => ({ method, url }))).toEqual([
      { method: 'GET', url: '/items/:name' },
    ]);
    expect(routes[0].guard).toBeInstanceOf(KnownCallerGuard);
    expect(hit.json()).toEqual({ from: 'cache', caller: 'known' });
    expect(unknownCaller.json()).toEqual({ from: 'handler', name: 'cached' });
    expect((await metrics.render()).body).toContain(
      'sidecar_http_cached_answers_total{route="/items/:name"} 1',
    );
  });

  it('should refuse a route that is not registered where its controller metadata says (a global prefix)', async () => {
    // Arrange
    const app = await appWith(ItemController);
    const installation = installCachedAnswers(
      app.getHttpAdapter().getInstance(),
      cachedAnswerRoutes(app),
      new HttpMetrics(),
    );
    app.setGlobalPrefix('api');

    // Act
    await app.init();

    // Assert
    expect(() => installation.assertComplete()).toThrow(/GET \/items\/:name/);
  });

  it.each([
    ['an interceptor', InterceptedController, /InterceptedController\.item .*PassThroughInterceptor/],
    [
      'a guard without a cache-only decision',
      PlainGuardController,
      /PlainGuardController\.item .*PlainGuard/,
    ],
    ['a parameter pipe', ParsedController, /ParsedController\.item .*ParseIntPipe/],
  ])('should refuse %s on a cached-answer route', async (_what, controller, message) => {
    const app = await appWith(controller);

    const reading = () => cachedAnswerRoutes(app);

    expect(reading).toThrow(FastPathError);
    expect(reading).toThrow(message);
  });
});

describe('assertNothingSkipped', () => {
  let app: NestFastifyApplication | undefined;

  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function initialised(
    configure: (app: NestFastifyApplication) => void,
  ): Promise<NestFastifyApplication> {
    @Module({ controllers: [ItemController], providers: [ItemAnswers, KnownCallerGuard] })
    class FixtureModule {}
    app = await NestFactory.create<NestFastifyApplication>(FixtureModule, new FastifyAdapter(), {
      logger: false,
    });
    configure(app);
    await app.init();
    return app;
  }

  it('should refuse global interceptors and pipes, naming them', async () => {
    const app = await initialised((created) => {
      created.useGlobalInterceptors(new PassThroughInterceptor());
      created.useGlobalPipes(new ParseIntPipe());
    });

    expect(() => assertNothingSkipped(app, ['GET /items/:name'])).toThrow(
      /interceptor PassThroughInterceptor, pipe ParseIntPipe .*\(GET \/items\/:name\)/,
    );
  });

  it('should accept global exception filters: a cached answer is never an error', async () => {
    const app = await initialised((created) => created.useGlobalFilters(new AnyFilter()));

    expect(() => assertNothingSkipped(app, ['GET /items/:name'])).not.toThrow();
  });
});
