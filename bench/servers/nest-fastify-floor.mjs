// The framework floor of a route: a bare NestJS 12 app on the Fastify adapter that answers GET /floor with
// bytes it was handed (status, headers, body), through a guard that lets everything pass, replying through
// @Res() as the sidecar's controllers do. None of the sidecar's own work runs: no caller policy, telemetry,
// token validation or cache. A scenario hands it the sidecar's real answer (PUT /answer), so both sides send
// the same bytes, and its ratio to bare node:http is the most any NestJS + Fastify implementation of that
// route could reach at that moment on that machine (decisions §4 fixes the framework).
// Plain JS, so decorators are applied by hand. Usage: node bench/servers/nest-fastify-floor.mjs <port>
import 'reflect-metadata';
import { Body, Controller, Get, Module, Put, Res, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

// Synchronous and empty: the cheapest guard Nest can run, so the floor is never lower than it must be.
class PassGuard {
  canActivate() {
    return true;
  }
}

let answer = { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'unset' };

class FloorController {
  floor(reply) {
    void reply.status(answer.status).headers(answer.headers).send(answer.body);
  }

  setAnswer(given) {
    answer = { status: given.status ?? 200, headers: given.headers ?? {}, body: given.body ?? '' };
    return 'ok';
  }
}

const method = (name) => Object.getOwnPropertyDescriptor(FloorController.prototype, name);
Res()(FloorController.prototype, 'floor', 0);
UseGuards(PassGuard)(FloorController.prototype, 'floor', method('floor'));
Get('floor')(FloorController.prototype, 'floor', method('floor'));
Body()(FloorController.prototype, 'setAnswer', 0);
Put('answer')(FloorController.prototype, 'setAnswer', method('setAnswer'));
Controller()(FloorController);

class FloorModule {}
Module({ controllers: [FloorController] })(FloorModule);

const port = Number(process.argv[2] ?? 0);
const app = await NestFactory.create(FloorModule, new FastifyAdapter(), { logger: false });
await app.listen(port, '127.0.0.1');
