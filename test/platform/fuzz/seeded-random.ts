import { randomInt } from 'node:crypto';

/** A small deterministic generator: the same seed gives the same inputs, so a failure can be replayed. */
export class SeededRandom {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** The seed from `FUZZ_SEED` when set (decimal), else a fresh one. */
  static fromEnvironment(value = process.env.FUZZ_SEED): SeededRandom {
    if (value !== undefined && value.trim() !== '') {
      const seed = Number(value);
      if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
        throw new Error(`FUZZ_SEED must be an integer from 0 to ${0xffffffff}, not '${value}'`);
      }
      return new SeededRandom(seed);
    }
    return new SeededRandom(randomInt(0, 0xffffffff));
  }

  /** A float in [0, 1): mulberry32 (32-bit state, full period), enough for picking test inputs. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One item, chosen by weight: `[[weight, value], …]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [weight, value] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    return choices[choices.length - 1][1];
  }

  /** `length` random bytes, four per draw. */
  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(Math.ceil(length / 4) * 4);
    for (let offset = 0; offset < buffer.length; offset += 4) {
      buffer.writeUInt32LE(Math.floor(this.next() * 4_294_967_296), offset);
    }
    return buffer.subarray(0, length);
  }
}
