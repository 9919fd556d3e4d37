import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { brokenLinks, headingAnchors, markdownFiles } from './markdown-links';

// The README is the front door and the guides link into one another: a moved section or a renamed heading
// must not leave a link that goes nowhere on GitHub.
const root = resolve(__dirname, '../..');

describe('links between the docs', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'docs-links-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('should find the README and every guide under docs/', () => {
    // Act
    const files = markdownFiles(root).map((file) => relative(root, file));

    // Assert
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/deployment.md', 'bench/README.md']),
    );
  });

  it('should resolve every relative link to an existing file, and every anchor to a heading of it', () => {
    // Act
    const broken = markdownFiles(root).flatMap((file) => brokenLinks(file, root));

    // Assert
    expect(broken).toEqual([]);
  });

  it("should name headings' anchors as GitHub does", () => {
    // Arrange
    const markdown = [
      '# Deployment',
      '## Docker Compose',
      '### `Kestrel:Limits`: slow clients',
      '## Tokens for your own calls: `npm run demo:token`',
      '```sh',
      '# not a heading',
      '```',
      '## Docker Compose',
    ].join('\n');

    // Act
    const anchors = [...headingAnchors(markdown)];

    // Assert
    expect(anchors).toEqual([
      'deployment',
      'docker-compose',
      'kestrellimits-slow-clients',
      'tokens-for-your-own-calls-npm-run-demotoken',
      'docker-compose-1',
    ]);
  });

  it('should report a link to a missing file and one to a missing heading, and accept the good ones', () => {
    // Arrange
    mkdirSync(join(scratch, 'docs'), { recursive: true });
    writeFileSync(join(scratch, 'docs', 'guide.md'), '# Guide\n\n## Sizing\n');
    writeFileSync(
      join(scratch, 'README.md'),
      [
        '[ok](docs/guide.md#sizing) [ok](#readme) [web](https://example.org/x#y) `[code](nowhere.md)`',
        '# Readme',
        '[gone](docs/missing.md) [renamed](docs/guide.md#size)',
      ].join('\n'),
    );

    // Act
    const broken = brokenLinks(join(scratch, 'README.md'), scratch);

    // Assert
    expect(broken).toEqual(['README.md:3 docs/missing.md', 'README.md:3 docs/guide.md#size']);
  });
});
