/** lru-cache with entry handles a caller can keep, and notes that live and die with an entry's value. */
export { type LruEntry, type LruLimits, LruMap } from './lru-map';
/** A value derived once per object and kept as long as the object lives. */
export { WeakMemo } from './weak-memo';
/** Admission for a cache: only keys offered twice while remembered get in. */
export { Doorkeeper } from './doorkeeper';
