// `npm test`: builds the bundles the process-level tests spawn, runs every Vitest project, then prints the
// one summary line CI reads (`N passed, M failed, K skipped`), because CI does not parse Vitest's own.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const resultsFile = resolve(root, '.tmp/vitest-results.json');
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });

const build = run('npm', ['run', '--silent', 'build']);
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(build.status ?? 1);
}

mkdirSync(resolve(root, '.tmp'), { recursive: true });
rmSync(resultsFile, { force: true });
const vitest = run(resolve(root, 'node_modules/.bin/vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${resultsFile}`,
  ...process.argv.slice(2),
]);

let summary;
try {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = results.numPendingTests + results.numTodoTests;
  // A test file that fails to load counts as a failure even though it ran no test.
  const brokenFiles = results.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  ).length;
  summary = `${results.numPassedTests} passed, ${results.numFailedTests + brokenFiles} failed, ${skipped} skipped`;
} catch {
  summary = '0 passed, 1 failed';
}
console.log(summary);
process.exit(vitest.status ?? 1);
