import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { ReadinessRegistry } from './readiness-registry';

/**
 * Readiness during a shutdown: from the signal on, `/healthz/ready` answers 503 so that the orchestrator routes
 * no new work here, while the sidecar still serves what reaches it. Liveness is untouched: a draining sidecar is
 * not a broken one and must not be restarted.
 */
@Injectable()
export class ShutdownHealth {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly indicators: HealthIndicatorService,
  ) {}

  /** Readiness is down from now on (nothing undoes it: the process is on its way out). */
  shuttingDown(): void {
    this.registry.register('shutdown', () =>
      this.indicators.check('shutdown').down({ reason: 'the sidecar is shutting down' }),
    );
  }
}
