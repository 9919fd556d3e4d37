// The framework floor of a route: a bare NestJS 12 app on the Fastify adapter that answers GET /floor with
// bytes it was handed (status, headers, body), through a guard that lets everything pass, replying through
// @Res() as the sidecar's controllers do. None of the sidecar's own work runs: no caller policy, telemetry,
// token validation or cache. A scenario hands it the sidecar's real answer (PUT /answer), so both sides send
// the same bytes, and its ratio to bare node:http is about the most a NestJS + Fastify implementation of that
// route can reach at that moment on that machine (decisions §4 fixes the framework). Start it just before it is
// measured: a Node process that has sat idle serves slower for long afterwards (bench/README.md).
// Usage: node bench/servers/nest-fastify-floor.mjs <port>
import { Body, Get, Put, Res, UseGuards } from '@nestjs/common';
import { decorate, listenNest } from './nest-app.mjs';

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

Res()(FloorController.prototype, 'floor', 0);
decorate(FloorController, 'floor', UseGuards(PassGuard), Get('floor'));
Body()(FloorController.prototype, 'setAnswer', 0);
decorate(FloorController, 'setAnswer', Put('answer'));

await listenNest(Number(process.argv[2] ?? 0), [FloorController]);
