/**
 * Schema pieces that keep the document as wide as the reference's for generated code. The reference is served by
 * ASP.NET, whose JSON reads numbers from strings too, so its document types every int32 as "integer or numeric
 * string", and it types `claims` as `JsonNode`, any JSON value. Clients generated from it hold such values in
 * those wide types; ours declare the same so that their code compiles against ours. The sidecar itself always
 * writes integers and a claims object.
 */

/** Name of the schema for any JSON value, the reference's `JsonNode`. */
export const JSON_NODE = 'JsonNode';

/** Reference to the `JsonNode` schema, for a property that holds any JSON value. */
export const JSON_NODE_REF = `#/components/schemas/${JSON_NODE}`;

/** The `JsonNode` schema itself: no constraint at all. */
export const JSON_NODE_SCHEMA = {
  description: 'Any JSON value.',
};

const INT32_OR_NUMERIC_STRING = [
  { type: 'integer' as const, format: 'int32' },
  { type: 'string' as const, pattern: '^-?(?:0|[1-9]\\d*)$' },
];

/** An int32 that a client may also hold as a numeric string, as the reference declares its status codes. */
export const int32OrNumericString = () => ({
  oneOf: INT32_OR_NUMERIC_STRING.map((schema) => ({ ...schema })),
});
