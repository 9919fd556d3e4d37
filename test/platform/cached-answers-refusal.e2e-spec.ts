import { loadConfiguration } from '@app/config';
import {
  type CallHandler,
  type CanActivate,
  Injectable,
  Module,
  type NestInterceptor,
  type PipeTransform,
  type Provider,
} from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listenOnAll } from '../../apps/sidecar/src/http/listen';
import { createSidecarApp } from '../../apps/sidecar/src/sidecar-app';
import { freePort } from '../support/built-sidecar';
import { LogCapture } from '../support/log-capture';
import { MINIMAL_ENV } from '../support/sidecar';

// Application-wide enhancers of the kind a later change might add "for every request": the cached answers are
// served before Nest's pipeline, so none of them would run for a cache hit.
@Injectable()
class AuditGuard implements CanActivate {
  canActivate(): boolean {
    return true;
  }
}

@Injectable()
class TimingInterceptor implements NestInterceptor {
  intercept(_context: unknown, next: CallHandler) {
    return next.handle();
  }
}

@Injectable()
class TrimPipe implements PipeTransform {
  transform(value: unknown): unknown {
    return value;
  }
}

/**
 * Answers the caches hold are served before Nest's pipeline; the sidecar must therefore refuse to start when
 * a global guard, interceptor or pipe is registered, which those answers would silently skip.
 */
describe('Start-up with an enhancer the cached answers would skip', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'sidecar-refusal-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it.each([
    ['guard', { provide: APP_GUARD, useClass: AuditGuard }, 'guard AuditGuard'],
    [
      'interceptor',
      { provide: APP_INTERCEPTOR, useClass: TimingInterceptor },
      'interceptor TimingInterceptor',
    ],
    ['pipe', { provide: APP_PIPE, useClass: TrimPipe }, 'pipe TrimPipe'],
  ])(
    'should refuse a global %s with a message naming it, and never listen',
    async (_kind, provider, named) => {
      // Arrange: the production factory, with one more module registering the enhancer globally
      @Module({ providers: [provider as Provider] })
      class AddedModule {}
      const port = await freePort();
      const configuration = loadConfiguration({
        cwd,
        env: { ...MINIMAL_ENV, ASPNETCORE_URLS: `http://127.0.0.1:${port}` },
        argv: [],
      });

      // Act
      const starting = createSidecarApp(configuration, {
        logDestination: new LogCapture(),
        imports: [AddedModule],
      }).then(async ({ app }) => {
        await listenOnAll(app, configuration.settings.host);
        return app;
      });

      // Assert
      await expect(starting).rejects.toThrow(
        `Global ${named} would not run for the answers served from the caches`,
      );
      await expect(starting).rejects.toThrow('GET /Validate, GET /AuthorizationHeader/:apiName');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    },
  );
});
