import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { flattenJson } from './flatten-json';
import { readJsonFileSource } from './json-file.source';

describe('flattenJson', () => {
  it('should flatten objects, arrays and scalars like ASP.NET', () => {
    // Arrange
    const json = {
      AzureAd: { ClientCredentials: [{ SourceType: 'ClientSecret' }], SendX5C: true, Port: 5, Nil: null },
    };

    // Act
    const entries = flattenJson(json);

    // Assert
    expect(entries).toEqual([
      ['AzureAd:ClientCredentials:0:SourceType', 'ClientSecret'],
      ['AzureAd:SendX5C', 'true'],
      ['AzureAd:Port', '5'],
      ['AzureAd:Nil', ''],
    ]);
  });

  it('should keep an empty object or array as a present key', () => {
    // Arrange
    const json = { ManagedIdentity: {}, Scopes: [] };

    // Act
    const entries = flattenJson(json);

    // Assert
    expect(entries).toEqual([
      ['ManagedIdentity', ''],
      ['Scopes', ''],
    ]);
  });
});

describe('readJsonFileSource', () => {
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'config-json-'));
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('should treat a missing file as an empty source', () => {
    // Arrange
    const path = join(directory, 'appsettings.json');

    // Act
    const result = readJsonFileSource(path);

    // Assert
    expect(result).toEqual({ entries: [], problems: [] });
  });

  it('should accept comments and trailing commas like ASP.NET', () => {
    // Arrange
    const path = join(directory, 'appsettings.json');
    writeFileSync(path, '\uFEFF{\n // comment\n "A": { "B": "x // not a comment", /* c */ },\n}');

    // Act
    const result = readJsonFileSource(path);

    // Assert
    expect(result).toEqual({ entries: [['A:B', 'x // not a comment']], problems: [] });
  });

  it('should report invalid JSON naming the file but never quoting its content', () => {
    // Arrange
    const path = join(directory, 'appsettings.Development.json');
    writeFileSync(path, '{ "ClientSecret": s3cr3t-value }');

    // Act
    const result = readJsonFileSource(path);

    // Assert
    expect(result.entries).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0].key).toBe('appsettings.Development.json');
    expect(result.problems[0].reason).toMatch(/^is not valid JSON/);
    expect(result.problems[0].reason).not.toContain('s3cr3t');
  });

  it('should say where a file stops being JSON, by line and column', () => {
    // Arrange: a missing comma after the first property
    const path = join(directory, 'appsettings.json');
    writeFileSync(path, '{\n  "AzureAd": { "TenantId": "t" }\n  "DownstreamApis": {}\n}');

    // Act
    const result = readJsonFileSource(path);

    // Assert
    expect(result.problems).toEqual([
      { key: 'appsettings.json', reason: 'is not valid JSON (near line 3, column 3)' },
    ]);
  });

  it('should report an unterminated comment and an empty file as invalid JSON', () => {
    // Arrange
    const unterminated = join(directory, 'appsettings.json');
    const empty = join(directory, 'appsettings.Production.json');
    writeFileSync(unterminated, '{ "A": 1 /* open');
    writeFileSync(empty, '');

    // Act
    const results = [readJsonFileSource(unterminated), readJsonFileSource(empty)];

    // Assert
    expect(results.map((result) => result.problems[0]?.reason)).toEqual([
      'is not valid JSON (near line 1, column 17)',
      'is not valid JSON',
    ]);
  });

  it('should report a file whose top level is not an object', () => {
    // Arrange
    const path = join(directory, 'appsettings.json');
    writeFileSync(path, '[1, 2]');

    // Act
    const result = readJsonFileSource(path);

    // Assert
    expect(result.problems).toEqual([
      { key: 'appsettings.json', reason: 'must contain a JSON object at the top level' },
    ]);
  });
});
