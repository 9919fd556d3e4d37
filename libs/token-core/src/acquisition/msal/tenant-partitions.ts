import { LRUCache } from 'lru-cache';

/**
 * msal instances per tenant, each retired after `uses` acquisitions and at most `tenants` tenants kept (LRU):
 * msal-node's cache scans every entry on each look-up (dependencies.md §3.6) and tenants can come from a
 * request override, so neither the number of instances nor any instance's cache may grow without bound.
 */
export class TenantPartitions<T> {
  private readonly entries: LRUCache<string, { client: Promise<T>; uses: number }>;

  constructor(
    private readonly create: (tenant: string) => Promise<T>,
    private readonly uses: number,
    tenants: number,
  ) {
    this.entries = new LRUCache({ max: tenants });
  }

  /** The current instance of `tenant`; a failed creation is forgotten so the next call retries. */
  next(tenant: string): Promise<T> {
    const key = tenant.toLowerCase();
    let entry = this.entries.get(key);
    if (entry === undefined || entry.uses >= this.uses) {
      const created = { client: this.create(tenant), uses: 0 };
      created.client.catch(() => this.entries.get(key) === created && this.entries.delete(key));
      this.entries.set(key, created);
      entry = created;
    }
    entry.uses += 1;
    return entry.client;
  }
}
