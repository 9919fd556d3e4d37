/** Types for scenario.mjs: the contract of a bench/scenarios/*.mjs module (see bench/README.md). */
import type { LoadResult } from './load.mjs';
export interface LoadRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  expectStatus?: number;
  /** Base URL of another server to load instead of the side's own (a scenario-owned baseline). */
  url?: string;
  /** The pid of the server at `url`, so its CPU is metered like the sidecar's and the baseline's. */
  pid?: number;
  /** Extra headers for the i-th request, e.g. a rotating token. */
  headersFor?: (index: number) => Record<string, string>;
}
export interface Scenario {
  name: string;
  description?: string;
  /** Target req/s ÷ baseline req/s needed to PASS; without it the scenario calibrates (verdict INFO). */
  targetRatio?: number;
  /** What the target row is called in the table; default `sidecar`. */
  targetLabel?: string;
  /**
   * Both sides are one CPU-bound process each: judge only round pairs in which both servers kept at least 90% of
   * their core busy; while fewer than half of `rounds` did, measure up to `rounds` more pairs, then answer UNSURE.
   */
  serverBound?: boolean;
  prepare?(
    ctx: object,
  ): Promise<{ env?: Record<string, string> } | void> | { env?: Record<string, string> } | void;
  target(ctx: object): LoadRequest | Promise<LoadRequest>;
  baseline(ctx: object): LoadRequest | Promise<LoadRequest>;
  /** Runs once after both sides were measured; `pass: false` turns the verdict into MISSED. */
  after?(ctx: object): Promise<ScenarioCheck> | ScenarioCheck;
}
export interface ScenarioCheck {
  pass?: boolean;
  /** Printed under the table and kept in the results file. */
  note?: string;
}
export function loadScenarios(dir: string, only?: string[]): Promise<Scenario[]>;
export interface MeasureOptions {
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
}
export interface ScenarioResult {
  name: string;
  targetLabel: string;
  targetRatio?: number;
  /** Over the judged round pairs (all of them, unless the scenario is `serverBound`). */
  ratio: number;
  /** Over every measured round pair, judged or not. */
  ratioAllRounds: number;
  /** Indices of the round pairs the ratio and verdict rest on. */
  judgedRounds: number[];
  verdict: 'PASS' | 'MISSED' | 'INVALID' | 'INFO' | 'UNSURE';
  note?: string;
  /** Means over the judged rounds of each side, with every measured round. */
  target: SideSummary & { rounds: LoadResult[] };
  baseline: SideSummary & { rounds: LoadResult[] };
}
export interface SideSummary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  unexpected: number;
  /** The server's CPU in its least busy round, per core (0–1); undefined when it was not metered. */
  serverBusy?: number;
  /** The load generator's CPU in its busiest round, per core (0–1). */
  generatorBusy: number;
}
/** `ctx.sidecar` and `ctx.baseline` are `{ url, pid? }` of the two sides (with a pid, its CPU is metered). */
export function measureScenario(
  scenario: Scenario,
  ctx: { sidecar: { url: string; pid?: number }; baseline: { url: string; pid?: number } },
  options: MeasureOptions,
): Promise<ScenarioResult>;
export interface StartedSidecar {
  url: string;
  port: number;
  pid: number | undefined;
  stop(): Promise<void>;
}
/** `measureScenario` for each scenario in turn, each against a sidecar of its own from `startSidecar`. */
export function measureEach(
  scenarios: Scenario[],
  ctx: { baseline: { url: string } } & Record<string, unknown>,
  options: MeasureOptions,
  hooks: { startSidecar(): Promise<StartedSidecar>; log?(scenario: Scenario): void },
): Promise<ScenarioResult[]>;
