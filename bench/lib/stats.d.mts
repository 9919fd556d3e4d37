/** Types for stats.mjs. */
import type { LoadResult } from './load.mjs';
import type { SideSummary } from './scenario.mjs';

export function median(values: number[]): number;
export function summarizeRounds(rounds: LoadResult[]): SideSummary;
export function serverBoundRounds(
  targetRounds: Pick<LoadResult, 'serverBusy'>[],
  baselineRounds: Pick<LoadResult, 'serverBusy'>[],
  threshold: number,
): number[];
export function medianPairRatio(
  targetRounds: Pick<LoadResult, 'reqPerSec'>[],
  baselineRounds: Pick<LoadResult, 'reqPerSec'>[],
  pairs: number[],
): number;
export function throughputRatio(
  target: Pick<LoadResult, 'reqPerSec'>,
  baseline: Pick<LoadResult, 'reqPerSec'>,
): number;
