import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Compares our committed contract with the reference sidecar's, operation by operation: a client generated
// from the reference must work against us.

interface Operation {
  operationId: string;
  path: string;
  method: string;
  parameters: string[];
  responses: Record<string, string[]>;
}

type Document = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown> };
};

const load = (file: string): Document => JSON.parse(readFileSync(file, 'utf8')) as Document;
const reference = load(resolve(__dirname, '../../../shared/reference/reference-sidecar.openapi.json'));
const ours = load(resolve(__dirname, '../../openapi/sidecar.openapi.json'));

function operations(document: Document): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const id = operation.operationId as string | undefined;
      if (!id) continue;
      const parameters = ((operation.parameters as { name: string }[] | undefined) ?? [])
        .map((p) => p.name)
        .sort();
      found.set(id, {
        operationId: id,
        path,
        method,
        parameters,
        responses: requiredProperties(document, operation),
      });
    }
  }
  return found;
}

// For each status, the required properties of the response schema (through one $ref).
function requiredProperties(
  document: Document,
  operation: Record<string, unknown>,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [status, response] of Object.entries(
    (operation.responses ?? {}) as Record<
      string,
      { content?: Record<string, { schema?: { $ref?: string } }> }
    >,
  )) {
    const schema = Object.values(response.content ?? {})[0]?.schema;
    const name = schema?.$ref?.split('/').pop();
    const target = name
      ? (document.components?.schemas?.[name] as { required?: string[] } | undefined)
      : undefined;
    result[status] = [...(target?.required ?? [])].sort();
  }
  return result;
}

const referenceOperations = operations(reference);
const ourOperations = operations(ours);

describe('compatibility with the reference OpenAPI contract', () => {
  for (const [id, expected] of referenceOperations) {
    it(`should publish ${id} at the same path and method with the same parameters and responses`, () => {
      const actual = ourOperations.get(id);
      expect(actual, `${id} missing`).toBeDefined();
      expect(actual!.path).toBe(expected.path);
      expect(actual!.method).toBe(expected.method);
      expect(actual!.parameters).toEqual(expect.arrayContaining(expected.parameters));
      for (const [status, required] of Object.entries(expected.responses)) {
        expect(actual!.responses[status], `${id} ${status}`).toEqual(expect.arrayContaining(required));
      }
    });
  }
});
