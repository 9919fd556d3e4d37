// Runs the tour: prints each request and its answer, checks the step's facts, reports ✓/✗ per step and a summary.
import { bold, claimLines, cyan, decodeClaims, dim, green, indentJson, red, shorten } from './format.mjs';
import { request } from './http.mjs';

const print = (line = '') => process.stdout.write(`${line}\n`);

function printRequest(url, spec) {
  print(cyan(`  → ${spec.method} ${url}`));
  for (const [name, value] of Object.entries(spec.headers ?? {}))
    print(dim(`    ${name}: ${shorten(value)}`));
  if (spec.body !== undefined) print(dim(`    ${JSON.stringify(spec.body)}`));
}

function printResponse(response, step) {
  print(cyan(`  ← ${response.status} ${response.statusText ?? ''}`.trimEnd()));
  if (response.json !== undefined)
    print(indentJson(step.display ? step.display(response.json) : response.json));
  else if (response.text) print(`    ${shorten(response.text)}`);
}

const describeFact = ({ label, actual, expected }) =>
  expected === undefined
    ? label
    : `${label}: expected ${typeof expected === 'string' ? expected : JSON.stringify(expected)}, got ${JSON.stringify(shorten(actual)) ?? 'nothing'}`;

async function runStep(step, context, { urls, ca }) {
  if (step.needs && !context[step.needs])
    return [{ label: `needs the ${step.needs} of an earlier step`, ok: false }];
  const spec = await step.request(context);
  const url = new URL(spec.path, urls[spec.target]);
  printRequest(url, spec);
  const response = await request(url, { ...spec, ca: spec.target === 'emulator' ? ca : undefined });
  printResponse(response, step);
  const claims = step.token ? decodeClaims(step.token(response)) : undefined;
  if (claims && step.showClaims) {
    print(dim('    claims of the returned token:'));
    for (const line of claimLines(claims, step.showClaims)) print(line);
  }
  step.keep?.(response, context);
  return step.expect(response, claims, context);
}

/**
 * `urls` maps each step's target (`sidecar`, `emulator`) to its base URL; `ca` is the emulator's CA (PEM);
 * `onFailure(step)` runs after a failed step (the demo prints the sidecar's last log lines there).
 */
export async function runTour(steps, { urls, ca, onFailure }) {
  const context = {};
  const results = [];
  for (const [index, step] of steps.entries()) {
    const heading = `${index + 1}. ${step.title}`;
    print();
    print(bold(heading));
    const facts = await runStep(step, context, { urls, ca }).catch((error) => [
      { label: `the request failed (${error.message})`, ok: false },
    ]);
    const failed = facts.filter((fact) => !fact.ok);
    const line = failed.length === 0 ? green(`✓ ${heading}`) : red(`✗ ${heading}`);
    print(`  ${line}`);
    // A wrong status makes every later fact fail too: show the cause only.
    const causes = failed[0]?.label === 'status' ? failed.slice(0, 1) : failed;
    for (const fact of causes) print(red(`      ${describeFact(fact)}`));
    if (causes[0]?.label === 'status' && causes[0].actual === 404) {
      print(dim('      (this sidecar build has no such endpoint: rebuild with npm run demo -- --build)'));
    }
    if (failed.length > 0) await onFailure?.(step);
    results.push({ ok: failed.length === 0, line, failed });
  }
  print();
  print(bold('Summary'));
  for (const result of results) print(`  ${result.line}`);
  const passed = results.filter((result) => result.ok).length;
  print(
    passed === results.length
      ? green(`All ${passed} steps passed.`)
      : red(`${results.length - passed} of ${results.length} steps failed.`),
  );
  return results;
}
