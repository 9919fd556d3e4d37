/** Types for load.mjs. */
export interface LoadOptions {
  url: string;
  connections?: number;
  durationSec?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status every response must have; others count as `unexpected`. @default 200 */
  expectStatus?: number;
  /** Extra headers for the i-th request (merged over `headers`), e.g. a rotating token. */
  headersFor?: (index: number) => Record<string, string>;
  /** The server under load: its CPU is metered over the run (`serverBusy`). */
  serverPid?: number;
}
export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  unexpected: number;
  durationSec: number;
  /** CPU the server used over the run, per core (0–1); undefined without `serverPid` or /proc. */
  serverBusy?: number;
  /** CPU the load generator (this process) used over the run, per core (0–1). */
  generatorBusy: number;
}
export function runLoad(options: LoadOptions): Promise<LoadResult>;
