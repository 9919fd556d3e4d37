import type { AcquiredToken, EffectiveDownstreamOptions, RequestContext } from '@app/token-core';

/**
 * Port for agent identity tokens (spec E.3–E.5). Requests whose effective options carry agent parameters
 * come here instead of the sidecar's own flows; `extra.claims` replaces the configured claims (a downstream
 * claims challenge, spec F.7).
 */
export abstract class AgentTokenAcquirer {
  abstract acquire(
    options: EffectiveDownstreamOptions,
    context: RequestContext,
    extra?: { claims?: string },
  ): Promise<AcquiredToken>;
}
