/** Types for heap.mjs. */
export const HEAP_PROBE_ARGS: readonly string[];
/** Bytes after a full collection: live heap, resident set, and the physical pages of V8's young generation. */
export function memoryAfterGc(
  pid: number,
  timeoutMs?: number,
): Promise<{ heapUsed: number; rss: number; newSpace: number }>;
export function liveHeapBytes(pid: number, timeoutMs?: number): Promise<number>;
export function residentBytes(pid: number): Promise<number>;
