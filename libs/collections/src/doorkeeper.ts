/** Bits per remembered key: with two probes about 2% of new keys read as already seen. */
const BITS_PER_KEY = 10;
const MIN_BITS = 1024;

/**
 * Admission for a cache: a key gets in only when it is offered a second time while still remembered.
 *
 * An LRU cache fed keys that never come back (every request a new token) does nothing but churn: each entry
 * is built, survives long enough to be promoted to V8's old generation, and is then collected there. The
 * doorkeeper remembers the last `window` first offers in a fixed bit array (a Bloom filter with two probes,
 * no allocation per offer) and forgets them all at once when the window is full. Choosing `window` equal to
 * the cache's capacity loses no hit an LRU of that capacity could give, except a key's second use: a key that
 * does not come back within `window` other keys would have been evicted before it did.
 */
export class Doorkeeper {
  private readonly bits: Uint32Array;
  private readonly mask: number;
  private remembered = 0;

  constructor(private readonly window: number) {
    let size = MIN_BITS;
    while (size < window * BITS_PER_KEY) size *= 2;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  /** Records `key` and answers whether it was already remembered (rarely a false yes, never a false no). */
  offer(key: string): boolean {
    const first = hashOf(key);
    const second = mix(first ^ 0x9e3779b9);
    const a = first & this.mask;
    const b = second & this.mask;
    if (this.has(a) && this.has(b)) return true;
    if (this.remembered >= this.window) {
      this.bits.fill(0);
      this.remembered = 0;
    }
    this.remembered++;
    this.bits[a >>> 5] |= 1 << (a & 31);
    this.bits[b >>> 5] |= 1 << (b & 31);
    return false;
  }

  private has(bit: number): boolean {
    return (this.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
  }
}

// FNV-1a over the key's characters, then a full avalanche. Callers keep keys short (the verified-token cache
// passes its 64-character map key), so the loop stays cheap.
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash = Math.imul(hash ^ key.charCodeAt(index), 0x01000193);
  }
  return mix(hash);
}

// MurmurHash3's 32-bit finalizer.
function mix(value: number): number {
  let hash = value;
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}
