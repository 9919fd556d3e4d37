import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { percentOfCore } from './cpu.mjs';
import { runLoad } from './load.mjs';
import { medianPairRatio, serverBoundRounds, summarizeRounds, throughputRatio } from './stats.mjs';

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
 * Measures one scenario: a warm-up per side, then `rounds` measured pairs of runs, sidecar and baseline back to
 * back (the order flips every pair so drift on a noisy machine hits both sides equally). The ratio is the median
 * of the pairs' ratios. A `serverBound` scenario counts only pairs in which both servers kept their core busy;
 * while fewer than half of `rounds` did, it measures up to `rounds` more pairs, and then its verdict is UNSURE
 * (bench/README.md).
 */
export async function measureScenario(scenario, ctx, options) {
  const sides = {
    sidecar: { server: ctx.sidecar, request: await scenario.target(ctx), rounds: [] },
    baseline: { server: ctx.baseline, request: await scenario.baseline(ctx), rounds: [] },
  };
  const serverBound = scenario.serverBound === true;
  // Bound pairs a verdict needs; a calibration row (no goal) is reported from whatever it has, and never extends.
  const needed = serverBound && isJudged(scenario) ? Math.ceil(options.rounds / 2) : 0;
  const judgedPairs = () =>
    serverBound
      ? serverBoundRounds(sides.sidecar.rounds, sides.baseline.rounds, SATURATED)
      : sides.sidecar.rounds.map((_, i) => i);
  await measurePairs(sides, options, () => judgedPairs().length < needed);

  const measured = sides.sidecar.rounds.map((_, i) => i);
  const judged = judgedPairs();
  const over = (indices) => ({
    target: summarizeRounds(indices.map((i) => sides.sidecar.rounds[i])),
    baseline: summarizeRounds(indices.map((i) => sides.baseline.rounds[i])),
  });
  const all = over(measured);
  const { target, baseline } = judged.length > 0 ? over(judged) : all;
  const ratioAllRounds = throughputRatio(all.target, all.baseline);
  const ratio =
    judged.length > 0 ? medianPairRatio(sides.sidecar.rounds, sides.baseline.rounds, judged) : ratioAllRounds;
  const invalid = all.target.unexpected + all.baseline.unexpected > 0;
  // A scenario's own check after both sides ran (e.g. "no token requests while measuring"); it reads
  // state once here rather than polling a helper server during the measured windows.
  const check = (await scenario.after?.(ctx)) ?? {};
  const targetLabel = scenario.targetLabel ?? 'sidecar';
  const note = [
    check.note,
    serverBound
      ? leftOutNote(judged.length, measured.length, needed, ratioAllRounds)
      : generatorLimitNote({ [targetLabel]: target, baseline }),
  ]
    .filter(Boolean)
    .join('; ');
  const passed = ratio >= scenario.targetRatio && check.pass !== false;
  return {
    name: scenario.name,
    targetLabel,
    targetRatio: scenario.targetRatio,
    ratio,
    ratioAllRounds,
    judgedRounds: judged,
    verdict: verdictOf(scenario, { invalid, sure: judged.length >= needed, passed }),
    ...(note ? { note } : {}),
    target: { ...target, rounds: sides.sidecar.rounds },
    baseline: { ...baseline, rounds: sides.baseline.rounds },
  };
}

/**
 * A warm-up per side, then `rounds` pairs, and further pairs (up to `rounds` more) while `wantMore()` says so.
 * Each side's results go to its `rounds`.
 */
async function measurePairs(sides, { connections, durationSec, warmupSec, rounds }, wantMore) {
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
  for (let round = 0; round < rounds || (round < 2 * rounds && wantMore()); round++) {
    const order = round % 2 === 0 ? ['sidecar', 'baseline'] : ['baseline', 'sidecar'];
    for (const name of order) sides[name].rounds.push(await load(sides[name], durationSec));
  }
}

/** INVALID before anything else; no goal: INFO; a server-bound scenario short of bound round pairs: UNSURE. */
function verdictOf(scenario, { invalid, sure, passed }) {
  if (invalid) return 'INVALID';
  if (!isJudged(scenario)) return 'INFO';
  if (!sure) return 'UNSURE';
  return passed ? 'PASS' : 'MISSED';
}

/** A server below this share of one core in a round spent the rest waiting (most often for the load generator). */
const SATURATED = 0.9;

/** What a server-bound scenario's ratio rests on, when some of its round pairs were left out. */
function leftOutNote(judged, measured, needed, ratioAllRounds) {
  if (judged === measured) return undefined;
  const busy = `both servers at least ${percentOfCore(SATURATED)} busy`;
  const allRounds = `ratio of all rounds' means ${ratioAllRounds.toFixed(2)}`;
  if (judged === 0) return `no round pair had ${busy}: the ratio is over all rounds, so no verdict`;
  return judged < needed
    ? `only ${judged} of ${measured} round pairs had ${busy} (${needed} needed), so no verdict (${allRounds})`
    : `judged on the ${judged} of ${measured} round pairs with ${busy} (${allRounds})`;
}

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
