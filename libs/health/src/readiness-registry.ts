import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Where features declare what "ready" means for them (signing keys loaded, credentials usable, cache
 * reachable). Each indicator should answer from state the feature already holds, not by calling out,
 * so that a probe every few seconds costs nothing and never hammers the authority.
 */
@Injectable()
export class ReadinessRegistry {
  private readonly indicators = new Map<string, HealthIndicatorFunction>();

  /** Adds or replaces the indicator known by `name`. */
  register(name: string, indicator: HealthIndicatorFunction): void {
    this.indicators.set(name, indicator);
  }

  /** Removes an indicator, e.g. when a feature is shut down. */
  unregister(name: string): void {
    this.indicators.delete(name);
  }

  /** The indicators in registration order. */
  all(): HealthIndicatorFunction[] {
    return [...this.indicators.values()];
  }
}
