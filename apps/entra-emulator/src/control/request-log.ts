/** What kind of endpoint a request hit. */
export type RequestKind = 'token' | 'discovery' | 'jwks' | 'managed-identity' | 'other';

/** One request the emulator received (control requests are not recorded). */
export interface RecordedRequest {
  readonly id: number;
  readonly at: string;
  readonly kind: RequestKind;
  readonly method: string;
  /** Where the request was addressed (`Host` header): `localhost:PORT`, or regional, `westus2.localhost:PORT`. */
  readonly host: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** The tenant path segment as sent (`demo`, a GUID, `common`…). */
  readonly tenant?: string;
  /** The tenant id it resolved to, when known. */
  readonly tenantId?: string;
  readonly grantType?: string;
  readonly clientId?: string;
  /** The parsed form of a POST (token requests), secrets included: tests inspect what was sent. */
  readonly form?: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  status?: number;
}

/** Selects recorded requests; every given field must match. */
export interface RequestFilter {
  readonly grantType?: string;
  readonly clientId?: string;
  /** Matches the tenant segment or the resolved tenant id. */
  readonly tenant?: string;
  /** The `Host` header, `name:port` (case-insensitive). */
  readonly host?: string;
  /** Exact path, or a regular expression. */
  readonly path?: string | RegExp;
  readonly kind?: RequestKind;
}

// A bound on memory for long demo runs; tests reset far earlier.
const MAX_RECORDED = 10_000;

export function matchesRequestFilter(request: RecordedRequest, filter: RequestFilter = {}): boolean {
  if (filter.kind !== undefined && request.kind !== filter.kind) return false;
  if (filter.grantType !== undefined && request.grantType !== filter.grantType) return false;
  if (filter.clientId !== undefined && request.clientId?.toLowerCase() !== filter.clientId.toLowerCase())
    return false;
  if (filter.host !== undefined && request.host.toLowerCase() !== filter.host.toLowerCase()) return false;
  if (filter.tenant !== undefined) {
    const wanted = filter.tenant.toLowerCase();
    if (request.tenant?.toLowerCase() !== wanted && request.tenantId?.toLowerCase() !== wanted) return false;
  }
  if (filter.path !== undefined) {
    const matched =
      typeof filter.path === 'string' ? request.path === filter.path : filter.path.test(request.path);
    if (!matched) return false;
  }
  return true;
}

/** The requests the emulator received, for assertions such as "the second call came from the cache". */
export class RequestLog {
  private entries: RecordedRequest[] = [];
  private nextId = 1;
  // Counted for every request, including those the bounded log has already dropped: a benchmark that
  // primes 10,000 users still learns exactly how many token requests a later window caused.
  private readonly totalsByKind = new Map<RequestKind, number>();

  record(entry: Omit<RecordedRequest, 'id' | 'at'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, id: this.nextId++, at: new Date().toISOString() };
    this.entries.push(recorded);
    if (this.entries.length > MAX_RECORDED) this.entries.shift();
    this.totalsByKind.set(entry.kind, (this.totalsByKind.get(entry.kind) ?? 0) + 1);
    return recorded;
  }

  /** Requests received per kind since the last reset, never truncated (the list keeps the last 10,000). */
  totals(): Partial<Record<RequestKind, number>> {
    return Object.fromEntries(this.totalsByKind);
  }

  count(filter?: RequestFilter): number {
    return this.list(filter).length;
  }

  list(filter?: RequestFilter): RecordedRequest[] {
    return this.entries.filter((entry) => matchesRequestFilter(entry, filter));
  }

  /** The last token-endpoint request matching the filter. */
  lastTokenRequest(filter: RequestFilter = {}): RecordedRequest | undefined {
    return this.list({ ...filter, kind: 'token' }).at(-1);
  }

  reset(): void {
    this.entries = [];
    this.totalsByKind.clear();
  }
}
