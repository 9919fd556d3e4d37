/**
 * A value derived once per object and forgotten with it: for answers built from an immutable object that is
 * handed out again and again (a cached token, a validated credential), so the work is done on first use only.
 */
export class WeakMemo<K extends object, V> {
  private readonly values = new WeakMap<K, V>();

  constructor(private readonly derive: (key: K) => V) {}

  get(key: K): V {
    let value = this.values.get(key);
    if (value === undefined) {
      value = this.derive(key);
      this.values.set(key, value);
    }
    return value;
  }
}
