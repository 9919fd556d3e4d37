/**
 * One msal instance handed out a fixed number of times, then replaced: msal-node's in-memory cache scans every
 * entry on each look-up (dependencies.md §3.6), so an instance must never collect an unbounded number of tokens.
 * Our own cache sits in front; msal's only saves a request between a miss and the next partition.
 */
export class ClientPartition<T> {
  private current?: { client: T; uses: number };

  constructor(
    private readonly create: () => T,
    private readonly size: number,
  ) {}

  /** The current instance, replaced after `size` uses. */
  next(): T {
    if (this.current === undefined || this.current.uses >= this.size) {
      this.current = { client: this.create(), uses: 0 };
    }
    this.current.uses += 1;
    return this.current.client;
  }

  /** Drops `client` if it is still current (its creation failed: the next use retries). */
  discard(client: T): void {
    if (this.current?.client === client) this.current = undefined;
  }
}
