/** Types for heap.mjs. */
export const HEAP_PROBE_ARGS: readonly string[];
export function memoryAfterGc(pid: number, timeoutMs?: number): Promise<{ heapUsed: number; rss: number }>;
export function liveHeapBytes(pid: number, timeoutMs?: number): Promise<number>;
export function residentBytes(pid: number): Promise<number>;
