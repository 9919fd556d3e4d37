// The framework floor: a bare NestJS 12 app on the Fastify adapter answering GET /healthz, nothing else.
// Comparing the sidecar's /healthz with it shows what the sidecar's own pipeline (hooks, modules) costs.
// Plain JS, so decorators are applied by hand. Usage: node bench/servers/nest-fastify-trivial.mjs <port>
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

class HealthController {
  healthy() {
    return 'Healthy';
  }
}
Get('healthz')(
  HealthController.prototype,
  'healthy',
  Object.getOwnPropertyDescriptor(HealthController.prototype, 'healthy'),
);
Controller()(HealthController);

class TrivialModule {}
Module({ controllers: [HealthController] })(TrivialModule);

const port = Number(process.argv[2] ?? 0);
const app = await NestFactory.create(TrivialModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
