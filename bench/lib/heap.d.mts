/** Types for heap.mjs. */
export const HEAP_PROBE_ARGS: readonly string[];
export function liveHeapBytes(pid: number, timeoutMs?: number): Promise<number>;
