// A small reader of the repository's Markdown for the docs link check: the relative links of a file, and the
// anchors its headings get on GitHub. Enough of Markdown for our own docs, not a general parser.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export interface MarkdownLink {
  line: number;
  target: string;
}

const FENCE = /^\s*(```|~~~)/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git', '.tmp', '.certs', 'results', 'coverage']);

/** The lines outside fenced code blocks, with their 1-based numbers and inline code spans blanked. */
function proseLines(markdown: string): { line: number; text: string }[] {
  const lines: { line: number; text: string }[] = [];
  let inFence = false;
  markdown.split('\n').forEach((text, index) => {
    if (FENCE.test(text)) inFence = !inFence;
    else if (!inFence) lines.push({ line: index + 1, text });
  });
  return lines;
}

/**
 * GitHub's anchor for a heading: lower case, punctuation dropped (letters, digits, `_`, `-` and spaces stay),
 * spaces turned into `-`; a repeated heading gets `-1`, `-2`, … after the first.
 */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const { text } of proseLines(markdown)) {
    const explicit = /<a\s+(?:id|name)="([^"]+)"/.exec(text)?.[1];
    if (explicit) anchors.add(explicit);
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(text)?.[1];
    if (heading === undefined) continue;
    const base = heading
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // a link's text only
      .replace(/<[^>]+>/g, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** Inline links and images whose target has no scheme (`http:`, `mailto:` …): files and anchors of this repository. */
export function relativeLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  for (const { line, text } of proseLines(markdown)) {
    const prose = text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length));
    for (const match of prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (!/^[a-z][a-z0-9+.-]*:/i.test(match[1])) links.push({ line, target: match[1] });
    }
  }
  return links;
}

/** Each link of `file` whose file, or whose heading in a Markdown file, does not exist, as `file:line target`. */
export function brokenLinks(file: string, root: string): string[] {
  const broken: string[] = [];
  for (const { line, target } of relativeLinks(readFileSync(file, 'utf8'))) {
    const [path, anchor] = target.split('#', 2);
    const linked = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    const fileExists = existsSync(linked);
    const anchorExists =
      anchor === undefined ||
      (fileExists &&
        linked.endsWith('.md') &&
        headingAnchors(readFileSync(linked, 'utf8')).has(decodeURIComponent(anchor)));
    if (!fileExists || !anchorExists) broken.push(`${relative(root, file)}:${line} ${target}`);
  }
  return broken;
}

/** The Markdown files under `folder`, leaving out dependencies, build output and generated results. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
