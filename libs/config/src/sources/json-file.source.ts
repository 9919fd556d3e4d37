import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ConfigurationProblem } from '../config.errors';
import { flattenJson } from './flatten-json';
import { stripJsonComments } from './json-with-comments';
import type { SourceResult } from './source-result';

/** Reads an optional appsettings file; a missing file is an empty source, invalid JSON is a problem. */
export function readJsonFileSource(path: string): SourceResult {
  if (!existsSync(path)) return { entries: [], problems: [] };
  const name = basename(path);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripJsonComments(readFileSync(path, 'utf8').replace(/^\uFEFF/, '')));
  } catch (error) {
    return { entries: [], problems: [invalidJson(name, error)] };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { entries: [], problems: [{ key: name, reason: 'must contain a JSON object at the top level' }] };
  }
  return { entries: flattenJson(parsed), problems: [] };
}

// V8's SyntaxError text can quote a slice of the file, which may hold a secret: report only the position.
function invalidJson(name: string, error: unknown): ConfigurationProblem {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  const where = position === undefined ? '' : ` (near character ${position})`;
  return { key: name, reason: `is not valid JSON${where}` };
}
