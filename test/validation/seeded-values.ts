/**
 * Seeded random values of every JSON type, for generated token variants: the same seed gives the same values,
 * so a failing run is repeated by its printed seed.
 */
export class SeededValues {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  pick<T>(choices: readonly T[]): T {
    return choices[this.int(choices.length)];
  }

  /** ASCII, Latin, CJK, an emoji, quotes and controls: anything JSON can carry in a string. */
  string(): string {
    const alphabet = [
      'a',
      'Z',
      '0',
      '-',
      ' ',
      '.',
      '/',
      '"',
      '\\',
      '\n',
      '\u0000',
      'é',
      'ß',
      '中',
      '😀',
      '\u202e',
    ];
    return Array.from({ length: this.int(16) }, () => this.pick(alphabet)).join('');
  }

  /** Integers, negatives, fractions and exponents, all finite. */
  number(): number {
    return this.pick([
      () => this.int(1_000_000),
      () => -this.int(1_000_000),
      () => this.next() * 1e6,
      () => Number(`${this.int(9) + 1}e${this.int(300)}`),
      () => 0,
    ])();
  }

  boolean(): boolean {
    return this.next() < 0.5;
  }

  object(): Record<string, unknown> {
    return Object.fromEntries(Array.from({ length: this.int(3) }, () => [this.string(), this.scalar()]));
  }

  array(): unknown[] {
    return Array.from({ length: this.int(4) }, () => this.scalar());
  }

  scalar(): unknown {
    return this.pick([() => this.string(), () => this.number(), () => null, () => this.boolean()])();
  }
}
