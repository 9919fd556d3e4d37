// The framework floor: a bare NestJS 12 app on the Fastify adapter answering GET /healthz, nothing else.
// Comparing the sidecar's /healthz with it shows what the sidecar's own pipeline (hooks, modules) costs.
// Usage: node bench/servers/nest-fastify-trivial.mjs <port>
import { Get } from '@nestjs/common';
import { decorate, listenNest } from './nest-app.mjs';

class HealthController {
  healthy() {
    return 'Healthy';
  }
}
decorate(HealthController, 'healthy', Get('healthz'));

await listenNest(Number(process.argv[2] ?? 0), [HealthController]);
