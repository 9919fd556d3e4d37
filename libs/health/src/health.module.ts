import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessRegistry } from './readiness-registry';
import { ShutdownHealth } from './shutdown.health';

/** Health endpoints, the registry features use to take part in readiness, and readiness during a shutdown. */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessRegistry, ShutdownHealth],
  exports: [ReadinessRegistry, TerminusModule],
})
export class HealthModule {}
