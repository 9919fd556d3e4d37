/** Types for scenario.mjs: the contract of a bench/scenarios/*.mjs module (see bench/README.md). */
export interface LoadRequest {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  expectStatus?: number;
  /** Base URL of another server to load instead of the side's own (a scenario-owned baseline). */
  url?: string;
  /** Extra headers for the i-th request, e.g. a rotating token. */
  headersFor?: (index: number) => Record<string, string>;
}
export interface Scenario {
  name: string;
  description?: string;
  targetRatio: number;
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
