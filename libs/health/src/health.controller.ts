import { All, Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@app/openapi';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { ReadinessRegistry } from './readiness-registry';

// The controller is left out of the OpenAPI document, and terminus would load @nestjs/swagger at start-up only
// to describe it (see @app/openapi).
const HEALTH_CHECK_OPTIONS = { noCache: true, swaggerDocumentation: false };

/**
 * `/healthz` answers like the reference (plain `Healthy`, any method, reachable from any address) so
 * existing probes keep working; `/healthz/live` and `/healthz/ready` add JSON liveness and readiness.
 */
@ApiExcludeController()
@Controller('healthz')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessRegistry,
  ) {}

  @All()
  @Header('content-type', 'text/plain; charset=utf-8')
  healthy(): string {
    return 'Healthy';
  }

  /** The process is up and serving; nothing external is consulted. */
  @Get('live')
  @HealthCheck(HEALTH_CHECK_OPTIONS)
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** Every registered readiness indicator is up; 503 with the same JSON shape otherwise. */
  @Get('ready')
  @HealthCheck(HEALTH_CHECK_OPTIONS)
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check(this.readiness.all());
    } catch (error) {
      const result = readinessFailure(error);
      if (!result) throw error;
      void reply.status(503);
      return result;
    }
  }
}

// Terminus reports a failed check by throwing a 503 whose response body is the check result.
function readinessFailure(error: unknown): HealthCheckResult | undefined {
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  if (response && typeof response === 'object' && 'status' in response && 'details' in response) {
    return response as HealthCheckResult;
  }
  return undefined;
}
