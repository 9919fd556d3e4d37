// Renders docs/configuration-keys.md from appsettings.schema.json: every key the sidecar reads, its
// environment-variable form, default and description, so the reference cannot drift from the schema (which a unit
// test holds to the configuration code). `npm run docs:config` writes it; a test fails when it is stale.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const SCHEMA_FILE = resolve(ROOT, 'appsettings.schema.json');
export const REFERENCE_FILE = resolve(ROOT, 'docs/configuration-keys.md');

// Root keys that ASP.NET reads from ASPNETCORE_-prefixed variables.
const ENVIRONMENT_NAMES = { urls: 'ASPNETCORE_URLS', http_ports: 'ASPNETCORE_HTTP_PORTS' };

// Sections whose keys are named by the operator: a placeholder stands for the name.
const PLACEHOLDERS = { DownstreamApis: '<Name>', LogLevel: '<Category>' };

/** The markdown of the key reference for `schema` (appsettings.schema.json, parsed). */
export function renderConfigReference(schema) {
  const rows = [];
  walk(schema, schema, [], rows);
  const lines = [
    '# Configuration keys',
    '',
    'Every key of `appsettings.json` the sidecar reads, generated from',
    '[`appsettings.schema.json`](../appsettings.schema.json) by `npm run docs:config` (a test fails when this file',
    'is stale). The environment form replaces each `:` with `__`; array entries are numbered (`:0`, `:1`, …). What the',
    'settings mean together, and the sources and their order, are in the [configuration guide](configuration.md).',
    '',
    '| Key | Environment variable | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      ({ key, defaultValue, description }) =>
        `| \`${key}\` | \`${ENVIRONMENT_NAMES[key] ?? key.replaceAll(':', '__')}\` | ${defaultValue} | ${cell(description)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

export function renderConfigReferenceFromFile() {
  return renderConfigReference(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
}

function walk(root, node, path, rows, inherited = '') {
  const resolved = dereference(root, node);
  const description = node.description ?? resolved.description ?? inherited;
  const children = resolved.properties;
  if (children !== undefined) {
    for (const [name, child] of Object.entries(children)) {
      if (name === '$schema') continue;
      walk(root, child, [...path, name], rows);
    }
    return;
  }
  const named = dereference(root, resolved.additionalProperties ?? {});
  if (resolved.type === 'object' && typeof resolved.additionalProperties === 'object') {
    const placeholder = PLACEHOLDERS[path.at(-1)] ?? '<Key>';
    walk(
      root,
      resolved.additionalProperties,
      [...path, placeholder],
      rows,
      named.properties ? '' : description,
    );
    return;
  }
  if (
    resolved.type === 'array' &&
    typeof resolved.items === 'object' &&
    dereference(root, resolved.items).properties
  ) {
    walk(root, resolved.items, [...path, 'N'], rows);
    return;
  }
  rows.push({
    key: path.join(':'),
    defaultValue: formatDefault(node.default ?? resolved.default),
    description,
  });
}

function dereference(root, node) {
  if (node.$ref === undefined) return node;
  const name = node.$ref.replace('#/$defs/', '');
  return { ...dereference(root, root.$defs[name]), ...node, $ref: undefined };
}

function formatDefault(value) {
  if (value === undefined) return '—';
  return typeof value === 'string' && value !== '' ? `\`${value}\`` : `\`${JSON.stringify(value)}\``;
}

function cell(text) {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
