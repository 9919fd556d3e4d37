// The framework floor of the relay: a bare NestJS 12 app on the Fastify adapter whose one route,
// POST /DownstreamApiUnauthenticated/:apiName, runs a guard that lets everything pass, takes the body as raw
// bytes and relays it exactly as bench/servers/bare-proxy.mjs does (same outbound code, same answer bytes),
// replying through @Res(). None of the sidecar's own work runs (caller policy, telemetry, options, token,
// limits), so its ratio to the bare proxy is about the most a relay served by a Nest route can reach at that
// moment on that machine (decisions §4 keeps the downstream routes on Nest's pipeline).
// Usage: node bench/servers/nest-fastify-relay-floor.mjs <port> <echo base url>
import { Get, Post, Req, Res, UseGuards } from '@nestjs/common';
import { decorate, listenNest } from './nest-app.mjs';
import { relayToEcho } from './relay-to-echo.mjs';

const relay = relayToEcho(process.argv[3] ?? 'http://127.0.0.1:1');

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
