/**
 * The whole-call timeout of one downstream call, shared by its attempts and redirect hops. A plain timer
 * and one callback rather than an AbortController: an EventTarget, its listener bookkeeping and the
 * signal's weak references per call made young-generation collections the largest cost of a downstream
 * call under load (CPU profile of the downstream bench), far above what a bare node:http proxy spends.
 *
 * Kept apart from `fetchWithin` in `@app/http`: the relay speaks undici's `request` over pooled
 * connections, streams the body instead of reading it whole, and is timed by the `downstream-vs-bare-proxy`
 * row of `npm run bench`; `fetchWithin` reads whole answers over `node:https` for the few off-hot-path
 * calls (metadata, keys, token endpoint, Key Vault), so that an idle sidecar never loads a WebAssembly
 * HTTP parser (docs/performance.md).
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private expiredWith: Error | undefined;
  private armed: Cancellable | undefined;

  /** `reason` builds the error once the time is up, from the `ms` it is given (no closure per call needed). */
  constructor(ms: number, reason: (ms: number) => Error) {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.expiredWith = reason(ms);
      this.armed?.cancel(this.expiredWith);
    }, ms);
  }

  /** The reason once expired, else undefined. */
  get expired(): Error | undefined {
    return this.expiredWith;
  }

  /** Cancels `attempt` if the deadline passes while it is armed (one attempt at a time); disarm with `disarm()`. */
  arm(attempt: Cancellable): void {
    this.armed = attempt;
  }

  disarm(): void {
    this.armed = undefined;
  }

  /** Stops the timer once the call is over. */
  clear(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.armed = undefined;
  }
}

/** What a deadline cancels: the attempt in flight. */
export interface Cancellable {
  cancel(reason: Error): void;
}
