import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfiguration, SidecarConfigModule } from '@app/config';
import { HealthModule } from '@app/health';
import { createLogger, ObservabilityModule } from '@app/observability';
import { ProblemDetailsModule } from '@app/problem-details';
import {
  BearerAuthGuard,
  InboundToken,
  OptionalBearerAuthGuard,
  type ValidatedToken,
  ValidationModule,
} from '@app/validation';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  authorityEnv,
  bearer,
  type EntraEmulator,
  startEmulator,
  waitForReadiness,
} from './validation-fixture';

// A slice app: the real ValidationModule behind two routes shaped like the other features' (anonymous and
// authenticated), so the guards and the parameter decorator are exercised exactly as those routes use them.
@Controller()
class ProbeController {
  @Get('anonymous')
  @UseGuards(OptionalBearerAuthGuard)
  anonymous(@InboundToken() token: ValidatedToken | undefined) {
    return {
      attached: token !== undefined,
      oid: token?.claims.oid ?? null,
      assertion: token?.assertion ?? null,
    };
  }

  @Get('authenticated')
  @UseGuards(BearerAuthGuard)
  authenticated(@InboundToken() token: ValidatedToken | undefined) {
    return { attached: token !== undefined };
  }
}

describe('OptionalBearerAuthGuard and BearerAuthGuard on feature routes', () => {
  let emulator: EntraEmulator;
  let app: NestFastifyApplication;
  let url: string;
  let cwd: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    cwd = mkdtempSync(join(tmpdir(), 'guard-slice-'));
    const configuration = loadConfiguration({ cwd, env: authorityEnv(emulator), argv: [] });
    const logger = createLogger({ level: 'silent' });
    @Module({
      imports: [
        SidecarConfigModule.forRoot(configuration),
        ObservabilityModule.forRoot(logger),
        ProblemDetailsModule,
        HealthModule,
        ValidationModule,
      ],
      controllers: [ProbeController],
    })
    class SliceModule {}
    app = await NestFactory.create<NestFastifyApplication>(SliceModule, new FastifyAdapter(), {
      logger: false,
    });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
    await waitForReadiness(url);
  });

  afterAll(async () => {
    await app?.close();
    await emulator?.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('should attach a valid token on an anonymous route', async () => {
    // Arrange
    const token = await emulator.mintAccessToken({ user: 'demo-user' });

    // Act
    const response = await get('/anonymous', bearer(token));

    // Assert
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      attached: true,
      oid: 'dc3f725d-9c7d-4e0c-a2f6-ad060f252fde',
      assertion: token,
    });
  });

  it('should ignore an invalid token on an anonymous route', async () => {
    const expired = await emulator.mintAccessToken({ user: 'demo-user', issuedAt: 1_000, expiresIn: 60 });
    const response = await get('/anonymous', bearer(expired));
    expect(response).toEqual({ status: 200, body: { attached: false, oid: null, assertion: null } });
  });

  it('should let an anonymous request without credentials through', async () => {
    expect(await get('/anonymous')).toEqual({
      status: 200,
      body: { attached: false, oid: null, assertion: null },
    });
  });

  it('should answer 401 on an authenticated route for the same invalid token', async () => {
    const response = await get('/authenticated', bearer('invalid-token'));
    expect(response.status).toBe(401);
  });

  it('should attach the token on an authenticated route', async () => {
    const token = await emulator.mintAccessToken({ roles: ['Sidecar.Call'] });
    expect(await get('/authenticated', bearer(token))).toEqual({ status: 200, body: { attached: true } });
  });
});
