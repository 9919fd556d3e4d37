/** Health endpoints (`/healthz`, `/healthz/live`, `/healthz/ready`). */
export { HealthModule } from './health.module';
/** Features register their readiness indicators here. */
export { ReadinessRegistry } from './readiness-registry';
/** Turns readiness down when the process starts shutting down. */
export { ShutdownHealth } from './shutdown.health';
