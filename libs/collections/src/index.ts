/** Bounded map with approximate LRU eviction and O(1) reads that do not write (the caches' hot path). */
export { LruMap } from './lru-map';
