/** Health endpoints (`/healthz`, `/healthz/live`, `/healthz/ready`). */
export { HealthModule } from './health.module';
/** Features register their readiness indicators here. */
export { ReadinessRegistry } from './readiness-registry';
