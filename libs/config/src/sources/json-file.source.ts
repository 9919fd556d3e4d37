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
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(stripJsonComments(text));
  } catch (error) {
    return { entries: [], problems: [invalidJson(name, text, error)] };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { entries: [], problems: [{ key: name, reason: 'must contain a JSON object at the top level' }] };
  }
  return { entries: flattenJson(parsed), problems: [] };
}

// V8's SyntaxError text can quote a slice of the file, which may hold a secret: report only where it is wrong
// (the stripper keeps every character's position, so V8's offset is the file's).
function invalidJson(name: string, text: string, error: unknown): ConfigurationProblem {
  const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return { key: name, reason: 'is not valid JSON' };
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return { key: name, reason: `is not valid JSON (near line ${line}, column ${column})` };
}
