import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { ConfigurationProblem } from '../config.errors';
import { flattenJson } from './flatten-json';
import type { SourceResult } from './source-result';

// ASP.NET reads appsettings with JsonDocumentOptions { CommentHandling = Skip, AllowTrailingCommas = true },
// so shipped templates often carry `//` comments and trailing commas: accept both.
const ASP_NET_JSON = { disallowComments: false, allowTrailingComma: true, allowEmptyContent: false } as const;

/** Reads an optional appsettings file; a missing file is an empty source, invalid JSON is a problem. */
export function readJsonFileSource(path: string): SourceResult {
  if (!existsSync(path)) return { entries: [], problems: [] };
  const name = basename(path);
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const errors: ParseError[] = [];
  const parsed: unknown = parse(text, errors, ASP_NET_JSON);
  if (errors.length > 0) return { entries: [], problems: [invalidJson(name, text, errors[0])] };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { entries: [], problems: [{ key: name, reason: 'must contain a JSON object at the top level' }] };
  }
  return { entries: flattenJson(parsed), problems: [] };
}

// The file may hold a secret: say what is wrong and where, never quote its content.
function invalidJson(name: string, text: string, error: ParseError): ConfigurationProblem {
  const what = printParseErrorCode(error.error)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - before.lastIndexOf('\n');
  return { key: name, reason: `is not valid JSON: ${what} at line ${line}, column ${column}` };
}
