import { matchesRequestFilter, type RecordedRequest } from './request-log';

/** How an injected fault answers. */
export type FaultKind =
  | {
      readonly kind: 'aadsts';
      readonly code: number;
      readonly error?: string;
      readonly status?: number;
      readonly description?: string;
    }
  | { readonly kind: 'status'; readonly status: number }
  | { readonly kind: 'outage' }
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'garbage' };

/** Which requests a fault applies to, and how often. */
export interface FaultMatcher {
  readonly grantType?: string;
  readonly clientId?: string;
  /** Exact path, or a regular expression. */
  readonly path?: string | RegExp;
  readonly tenant?: string;
  /** How many matching requests it affects. @default 1 (use Infinity for "until cleared") */
  readonly times?: number;
}

export type Fault = FaultKind & FaultMatcher;

interface ActiveFault {
  readonly id: number;
  readonly fault: Fault;
  remaining: number;
}

/** Faults waiting for matching requests. Latency faults delay and then let the request continue. */
export class FaultInjector {
  private active: ActiveFault[] = [];
  private nextId = 1;

  inject(fault: Fault): { id: number } {
    const id = this.nextId++;
    this.active.push({ id, fault, remaining: fault.times ?? 1 });
    return { id };
  }

  /** Consumes the faults that apply: every matching latency fault, then at most one answering fault. */
  take(request: RecordedRequest): { latencyMs: number; fault?: FaultKind } {
    let latencyMs = 0;
    let answering: FaultKind | undefined;
    for (const entry of this.active) {
      const { grantType, clientId, path, tenant } = entry.fault;
      if (entry.remaining <= 0 || !matchesRequestFilter(request, { grantType, clientId, path, tenant }))
        continue;
      if (entry.fault.kind === 'latency') latencyMs += entry.fault.ms;
      else if (answering) continue;
      else answering = entry.fault;
      entry.remaining -= 1;
    }
    this.active = this.active.filter((entry) => entry.remaining > 0);
    return { latencyMs, fault: answering };
  }

  pending(): Fault[] {
    return this.active.map((entry) => entry.fault);
  }

  clear(): void {
    this.active = [];
  }
}
