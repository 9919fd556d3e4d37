/**
 * Flattens a parsed JSON value the way ASP.NET's JsonConfigurationFileParser does: objects → `A:B`,
 * arrays → index segments `A:0:B`, scalars → their text (null → ""), and an empty object or array
 * still records its key (with "") so a present-but-empty section stays visible.
 */
export function flattenJson(value: unknown, prefix = ''): [string, string][] {
  const join = (segment: string) => (prefix === '' ? segment : `${prefix}:${segment}`);
  if (Array.isArray(value))
    return withEmpty(
      prefix,
      value.flatMap((item, index) => flattenJson(item, join(String(index)))),
    );
  if (value !== null && typeof value === 'object') {
    return withEmpty(
      prefix,
      Object.entries(value).flatMap(([key, item]) => flattenJson(item, join(key))),
    );
  }
  return prefix === '' ? [] : [[prefix, scalarText(value)]];
}

// JSON scalars only: strings, numbers (their JSON text, as .NET keeps the raw token) and booleans.
const scalarText = (value: unknown): string =>
  typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value);

const withEmpty = (prefix: string, entries: [string, string][]): [string, string][] =>
  entries.length === 0 && prefix !== '' ? [[prefix, '']] : entries;
