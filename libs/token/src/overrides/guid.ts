/** A GUID as .NET's `Guid.TryParse` reads it from a query: `D` format, optionally in braces or parentheses. */
export const GUID = /^[{(]?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[)}]?$/i;
