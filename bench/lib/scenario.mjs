import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentOfCore } from './cpu.mjs';
import { runLoad } from './load.mjs';
import { summarizeRounds } from './stats.mjs';

// The scenario contract (typed in scenario.d.mts, explained in bench/README.md): a default export
// { name, description?, targetRatio?, targetLabel?, prepare?(ctx), target(ctx), baseline(ctx), after?(ctx) },
// or an array of them. Without targetRatio a scenario only calibrates: it is reported, never judged.

/** Loads every bench/scenarios/*.mjs (sorted), keeping those named in `only` when it is non-empty. */
export async function loadScenarios(dir, only = []) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mjs')).sort();
  const scenarios = [];
  for (const file of files) {
    const exported = (await import(pathToFileURL(join(dir, file)).href)).default;
    for (const scenario of Array.isArray(exported) ? exported : [exported]) {
      assertScenario(scenario, file);
      if (only.length === 0 || only.includes(scenario.name)) scenarios.push(scenario);
    }
  }
  const unknown = only.filter((name) => !scenarios.some((s) => s.name === name));
  if (unknown.length) throw new Error(`Unknown scenario(s): ${unknown.join(', ')}`);
  // Calibrations last: one spinning the servers' CPU just before the sidecar's scenarios lowered their ratios.
  return [...scenarios.filter(isJudged), ...scenarios.filter((s) => !isJudged(s))];
}

const isJudged = (scenario) => scenario.targetRatio !== undefined;

function assertScenario(s, file) {
  const ok =
    s &&
    typeof s.name === 'string' &&
    (s.targetRatio === undefined || typeof s.targetRatio === 'number') &&
    typeof s.target === 'function' &&
    typeof s.baseline === 'function';
  if (!ok)
    throw new Error(
      `bench/scenarios/${file}: each scenario must have name, target(), baseline() (targetRatio a number if set)`,
    );
}

/**
 * Measures one scenario: a warm-up per side, then `rounds` measured runs alternating sidecar and
 * baseline (the order flips every round so drift on a noisy machine hits both sides equally).
 */
export async function measureScenario(scenario, ctx, { connections, durationSec, warmupSec, rounds }) {
  const sides = {
    sidecar: { server: ctx.sidecar, request: await scenario.target(ctx), rounds: [] },
    baseline: { server: ctx.baseline, request: await scenario.baseline(ctx), rounds: [] },
  };
  const load = (side, seconds) => {
    // `url` lets a scenario aim one side at a server of its own (e.g. a framework baseline it started).
    // Its CPU is metered when its pid is known: the sidecar's and the baseline's always, a scenario's own server's
    // when the scenario gives `pid` with its `url`.
    const { path, url, pid, ...rest } = side.request;
    const serverPid = url === undefined ? side.server.pid : pid;
    return runLoad({
      url: (url ?? side.server.url) + path,
      connections,
      durationSec: seconds,
      serverPid,
      ...rest,
    });
  };
  for (const side of Object.values(sides)) if (warmupSec > 0) await load(side, warmupSec);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? ['sidecar', 'baseline'] : ['baseline', 'sidecar'];
    for (const name of order) sides[name].rounds.push(await load(sides[name], durationSec));
  }
  const target = summarizeRounds(sides.sidecar.rounds);
  const baseline = summarizeRounds(sides.baseline.rounds);
  const ratio = baseline.reqPerSec > 0 ? target.reqPerSec / baseline.reqPerSec : 0;
  const invalid = target.unexpected + baseline.unexpected > 0;
  // A scenario's own check after both sides ran (e.g. "no token requests while measuring"); it reads
  // state once here rather than polling a helper server during the measured windows.
  const check = (await scenario.after?.(ctx)) ?? {};
  const note = [check.note, generatorLimitNote({ [scenario.targetLabel ?? 'sidecar']: target, baseline })]
    .filter(Boolean)
    .join('; ');
  const passed = ratio >= scenario.targetRatio && check.pass !== false;
  const verdict = invalid ? 'INVALID' : !isJudged(scenario) ? 'INFO' : passed ? 'PASS' : 'MISSED';
  return {
    name: scenario.name,
    targetLabel: scenario.targetLabel ?? 'sidecar',
    targetRatio: scenario.targetRatio,
    ratio,
    verdict,
    ...(note ? { note } : {}),
    target: { ...target, rounds: sides.sidecar.rounds },
    baseline: { ...baseline, rounds: sides.baseline.rounds },
  };
}

/** A server below this share of one core in a round spent the rest waiting (most often for the load generator). */
const SATURATED = 0.9;

/**
 * Names the sides whose server was not saturated in some round. There the load generator (one core, like the
 * server's) set the pace: both servers then look alike, and the ratio says less than it seems (a capped
 * baseline makes it higher, a capped target lower).
 */
function generatorLimitNote(sides) {
  const capped = Object.entries(sides)
    .filter(([, side]) => side.serverBusy !== undefined && side.serverBusy < SATURATED)
    .map(([label, side]) => `${label} server ${percentOfCore(side.serverBusy)} busy`);
  return capped.length
    ? `not saturated in some rounds (${capped.join(', ')}): the load generator, not the server, set the pace`
    : undefined;
}

/**
 * Measures every scenario against a sidecar of its own: `startSidecar()` before each one, stopped after it. What
 * a scenario leaves in the process (10,000 cached users, the code paths of another route) then
 * cannot move the next one's numbers, and a scenario measures the same alone (`--scenario`) as in a full run.
 * `startSidecar` resolves to `{ url, port, pid, stop() }`.
 */
export async function measureEach(scenarios, ctx, options, { startSidecar, log = () => {} }) {
  const results = [];
  for (const scenario of scenarios) {
    log(scenario);
    const sidecar = await startSidecar();
    try {
      results.push(await measureScenario(scenario, { ...ctx, sidecar }, options));
    } finally {
      await sidecar.stop();
    }
  }
  return results;
}
