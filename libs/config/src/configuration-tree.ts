/** One configuration layer: flattened `Section:Key` → value pairs, in source order. */
export type ConfigurationEntries = ReadonlyArray<readonly [key: string, value: string]>;

interface StoredEntry {
  readonly key: string;
  readonly value: string;
}

const SEPARATOR = ':';
const INDEX = /^(0|[1-9]\d*)$/;

// ASP.NET configuration keys compare OrdinalIgnoreCase; we normalise once with a locale-free lower-casing.
const normalise = (key: string): string => key.toLowerCase();

/**
 * Flat, case-insensitive `Section:Key` → string map, the merged view of every configuration source.
 * The first-seen casing of each key is kept so sections can be rebuilt with the names people wrote.
 */
export class ConfigurationTree {
  private readonly entries = new Map<string, StoredEntry>();

  private constructor() {}

  /** Merges layers in order: a later layer's value wins, the first-seen key casing is kept. */
  static fromLayers(layers: readonly ConfigurationEntries[]): ConfigurationTree {
    const tree = new ConfigurationTree();
    for (const layer of layers) {
      for (const [key, value] of layer) {
        const normalised = normalise(key);
        tree.entries.set(normalised, { key: tree.entries.get(normalised)?.key ?? key, value });
      }
    }
    return tree;
  }

  /** The value at `path` (case-insensitive), or undefined when the key is not set. */
  get(path: string): string | undefined {
    return this.entries.get(normalise(path))?.value;
  }

  /**
   * Distinct immediate child segments of `path` (root when omitted), in their first-seen casing.
   * Array indices come first in numeric order, like .NET's ConfigurationKeyComparer; names keep source order.
   */
  childKeys(path?: string): string[] {
    const prefix = path === undefined || path === '' ? '' : normalise(path) + SEPARATOR;
    const children = new Map<string, string>();
    for (const [normalised, entry] of this.entries) {
      if (!normalised.startsWith(prefix) || normalised.length === prefix.length) continue;
      const segment = entry.key.slice(prefix.length).split(SEPARATOR)[0];
      const id = normalise(segment);
      if (!children.has(id)) children.set(id, segment);
    }
    const names = [...children.values()];
    const indices = names.filter((name) => INDEX.test(name)).sort((a, b) => Number(a) - Number(b));
    return [...indices, ...names.filter((name) => !INDEX.test(name))];
  }

  /**
   * Rebuilds the nested value at `path`: a string for a leaf, an object for a section, and an array
   * (in index order, compacted) when every child segment is an integer index — as the .NET binder does.
   */
  toValue(path?: string): unknown {
    const children = this.childKeys(path);
    const join = (child: string) =>
      path === undefined || path === '' ? child : `${path}${SEPARATOR}${child}`;
    if (children.length === 0) return path === undefined ? {} : this.get(path);
    if (children.every((child) => INDEX.test(child)))
      return children.map((child) => this.toValue(join(child)));
    return Object.fromEntries(children.map((child) => [child, this.toValue(join(child))]));
  }

  /** Every key (first-seen casing) and its value. */
  *[Symbol.iterator](): IterableIterator<[key: string, value: string]> {
    for (const entry of this.entries.values()) yield [entry.key, entry.value];
  }
}
