import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const LIBS = [
  'config',
  'problem-details',
  'observability',
  'health',
  'collections',
  'validation',
  'token-core',
  'agent',
  'token',
  'downstream',
  'signed-request',
  'testing',
];

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** Runs dependency-cruiser with the lint step's configuration in `cwd`: its exit code and what it printed. */
async function run(cwd: string, args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await promisify(execFile)(DEPCRUISE, [...args, '--config', CONFIG], {
      cwd,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

/** The violations dependency-cruiser reports in `cwd`. */
async function violationsIn(cwd: string, ...paths: string[]): Promise<Violation[]> {
  const { stdout } = await run(cwd, [...paths, '--output-type', 'json']);
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/**
 * The module graph is enforced, not described: `npm run lint` runs dependency-cruiser with one rule per
 * boundary. These tests run that same check on the real tree, and on a small tree of probes where each import
 * crosses one boundary, so a rule that stops catching its violation fails here.
 */
describe('module boundaries (the dependency check of npm run lint)', () => {
  let probes: string;
  let reported: Violation[];
  let exitCode: number;

  /** One probe file per lib, importing `imports` (alias or relative path). */
  const probe = (file: string, ...imports: string[]): void => {
    const path = join(probes, file);
    mkdirSync(dirname(path), { recursive: true });
    const lines = imports.map((from, i) => `export * as m${i} from '${from}';`);
    writeFileSync(path, `${lines.join('\n')}\nexport const probe = 1;\n`);
  };

  beforeAll(async () => {
    probes = mkdtempSync(join(tmpdir(), 'boundaries-'));
    const paths = Object.fromEntries(LIBS.map((lib) => [`@app/${lib}`, [`./libs/${lib}/src/index.ts`]]));
    writeFileSync(
      join(probes, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node20', moduleResolution: 'node16', paths } }),
    );
    for (const lib of LIBS) probe(`libs/${lib}/src/index.ts`);
    probe(
      'apps/sidecar/src/main.ts',
      '@app/downstream',
      '@app/signed-request',
      '../../../libs/token/src/inner',
    );
    probe('libs/token/src/inner.ts');
    // Allowed: each lib on the ones below it.
    probe('libs/downstream/src/ok.ts', '@app/token', '@app/token-core', '@app/config');
    probe('libs/token/src/ok.ts', '@app/agent', '@app/token-core', '@app/validation');
    probe('libs/agent/src/ok.ts', '@app/token-core', '@app/problem-details');
    probe('libs/signed-request/src/ok.ts', '@app/token-core', '@app/validation');
    probe('libs/token-core/src/ok.ts', '@app/config', '@app/observability', '@app/health');
    probe('libs/token/src/ok.spec.ts', '@app/testing');
    // Forbidden: one import across each boundary.
    probe('libs/token-core/src/up.ts', '@app/token', '@app/agent', '@app/validation');
    probe('libs/agent/src/up.ts', '@app/token', '@app/validation');
    probe('libs/token/src/up.ts', '@app/downstream', '@app/signed-request');
    probe('libs/downstream/src/up.ts', '@app/agent', '@app/signed-request');
    probe('libs/validation/src/up.ts', '@app/token-core');
    probe('libs/signed-request/src/up.ts', '@app/token');
    probe('libs/config/src/up.ts', '@app/validation');
    probe('libs/observability/src/up.ts', '../../../apps/sidecar/src/main');
    probe('libs/downstream/src/deep.ts', '../../token/src/inner');
    probe('libs/token/src/fixture.ts', '@app/testing');
    probe('libs/health/src/a.ts', './b');
    probe('libs/health/src/b.ts', './a');
    reported = await violationsIn(probes, 'apps', 'libs');
    // As `npm run lint` runs it (the default reporter): its exit code is what fails CI.
    exitCode = (await run(probes, ['apps', 'libs'])).code;
  }, 60_000);
  afterAll(() => rmSync(probes, { recursive: true, force: true }));

  const found = (rule: string, from: string, to: string): boolean =>
    reported.some((v) => v.rule.name === rule && v.from === from && v.to === to);

  it('should pass on the tree as it stands', async () => {
    expect(await violationsIn(ROOT, 'apps', 'libs', 'test', 'bench', 'scripts')).toEqual([]);
  }, 60_000);

  it('should fail the lint step on a violation', () => {
    expect(exitCode).not.toBe(0);
  });

  it.each([
    ['token-core-at-the-bottom', 'libs/token-core/src/up.ts', 'token'],
    ['token-core-at-the-bottom', 'libs/token-core/src/up.ts', 'agent'],
    ['token-core-at-the-bottom', 'libs/token-core/src/up.ts', 'validation'],
    ['agent-on-token-core', 'libs/agent/src/up.ts', 'token'],
    ['agent-on-token-core', 'libs/agent/src/up.ts', 'validation'],
    ['token-below-downstream', 'libs/token/src/up.ts', 'downstream'],
    ['token-below-downstream', 'libs/token/src/up.ts', 'signed-request'],
    ['downstream-on-token', 'libs/downstream/src/up.ts', 'agent'],
    ['downstream-on-token', 'libs/downstream/src/up.ts', 'signed-request'],
    ['validation-beside-token', 'libs/validation/src/up.ts', 'token-core'],
    ['signed-request-on-token-core-and-validation', 'libs/signed-request/src/up.ts', 'token'],
    ['foundation-below-features', 'libs/config/src/up.ts', 'validation'],
  ])('should report %s for %s importing @app/%s', (rule, from, lib) => {
    expect(found(rule, from, `libs/${lib}/src/index.ts`)).toBe(true);
  });

  it('should report a lib that imports an app', () => {
    expect(found('libs-not-to-apps', 'libs/observability/src/up.ts', 'apps/sidecar/src/main.ts')).toBe(true);
  });

  it("should report a lib or an app that reaches past another lib's index", () => {
    expect(
      found('lib-internals-through-index', 'libs/downstream/src/deep.ts', 'libs/token/src/inner.ts'),
    ).toBe(true);
    expect(found('app-and-tests-through-index', 'apps/sidecar/src/main.ts', 'libs/token/src/inner.ts')).toBe(
      true,
    );
  });

  it('should report product code that imports the test fixtures', () => {
    expect(found('testing-only-in-tests', 'libs/token/src/fixture.ts', 'libs/testing/src/index.ts')).toBe(
      true,
    );
  });

  it('should report an import circle', () => {
    expect(reported.some((v) => v.rule.name === 'no-circular' && v.from === 'libs/health/src/a.ts')).toBe(
      true,
    );
  });

  it('should allow every import that points down the graph', () => {
    expect(reported.filter((v) => /\/ok(\.spec)?\.ts$/.test(v.from))).toEqual([]);
  });
});
