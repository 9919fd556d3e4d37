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
}
export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  unexpected: number;
  durationSec: number;
}
export function runLoad(options: LoadOptions): Promise<LoadResult>;
