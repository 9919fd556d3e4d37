// The framework floor of the relay: a bare NestJS 12 app on the Fastify adapter whose one route,
// POST /DownstreamApiUnauthenticated/:apiName, runs a guard that lets everything pass, takes the body as raw
// bytes and relays it as bench/servers/bare-proxy.mjs does (same outbound request and answer bytes) but over
// undici, the sidecar's client, replying through @Res(). None of the sidecar's own work runs (caller policy,
// telemetry, options, token, limits), so its ratio to the bare proxy is about the most a relay served by a Nest
// route can reach at that moment on that machine (decisions §4 keeps the downstream routes on Nest's pipeline).
// Usage: node bench/servers/nest-fastify-relay-floor.mjs <port> <echo base url>
import { Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { request } from 'undici';
import { decorate, listenNest } from './nest-app.mjs';
import { AUTHORIZATION, FAILED_ANSWER, relayAnswer } from './relay-to-echo.mjs';

const echo = new URL('/echo', process.argv[3] ?? 'http://127.0.0.1:1').href;

// The bare proxy's request and answer, sent over undici's keep-alive pool (its global dispatcher), the sidecar's
// client: on this relay undici costs less CPU per call than node:http's client.
function relay(body, contentType, respond) {
  request(echo, {
    method: 'POST',
    headers: { authorization: AUTHORIZATION, 'content-type': contentType },
    body,
  }).then(
    async (response) =>
      respond(
        200,
        relayAnswer(response.statusCode, response.headers['content-type'], await response.body.text()),
      ),
    () => respond(502, FAILED_ANSWER),
  );
}

// Synchronous and empty: the cheapest guard Nest can run, so the floor is never lower than it must be.
class PassGuard {
  canActivate() {
    return true;
  }
}

class RelayFloorController {
  relay(request, reply) {
    relay(
      request.body ?? Buffer.alloc(0),
      request.headers['content-type'] ?? 'application/json',
      (status, json) => {
        void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(json);
      },
    );
  }

  ready() {
    return 'ready';
  }
}

Req()(RelayFloorController.prototype, 'relay', 0);
Res()(RelayFloorController.prototype, 'relay', 1);
decorate(RelayFloorController, 'relay', UseGuards(PassGuard), Post('DownstreamApiUnauthenticated/:apiName'));
decorate(RelayFloorController, 'ready', Get('ready'));

await listenNest(Number(process.argv[2] ?? 0), [RelayFloorController], { rawBody: true });
