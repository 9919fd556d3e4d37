/** Median of a non-empty list; with two values, their mean. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Folds several rounds of one target into one row: mean throughput (rounds alternate with the other
 * target, so noise hits both) and the worst p50/p99 seen, so a bad round is never hidden; likewise the
 * server's least busy round and the load generator's busiest.
 */
export function summarizeRounds(rounds) {
  return {
    reqPerSec: rounds.reduce((sum, r) => sum + r.reqPerSec, 0) / rounds.length,
    p50Ms: Math.max(...rounds.map((r) => r.p50Ms)),
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    unexpected: rounds.reduce((sum, r) => sum + r.unexpected, 0),
    // The least busy round: one round paced by the load generator is enough to doubt the row.
    serverBusy: rounds.some((r) => r.serverBusy === undefined)
      ? undefined
      : Math.min(...rounds.map((r) => r.serverBusy)),
    generatorBusy: Math.max(...rounds.map((r) => r.generatorBusy ?? 0)),
  };
}

/**
 * The indices of the round pairs that measured the servers: both sides' servers kept at least `threshold` of a
 * core busy. In the others one server waited, most often for the load generator (one core, like the server's),
 * which then set that side's pace. A side whose CPU was not metered never disqualifies a pair.
 */
export function serverBoundRounds(targetRounds, baselineRounds, threshold) {
  const bound = (round) => round.serverBusy === undefined || round.serverBusy >= threshold;
  return targetRounds.flatMap((round, i) => (bound(round) && bound(baselineRounds[i]) ? [i] : []));
}

/**
 * The ratio of a scenario: the median of target ÷ baseline over the given round pairs. A pair ran back to back, so
 * a change of the machine's speed that lasts longer than a pair hits both of its sides; the median then keeps a
 * pair that straddled such a change from moving the verdict.
 */
export function medianPairRatio(targetRounds, baselineRounds, pairs) {
  return median(pairs.map((i) => throughputRatio(targetRounds[i], baselineRounds[i])));
}

/** Target req/s ÷ baseline req/s of two rounds or two summaries; 0 when the baseline served nothing. */
export const throughputRatio = (target, baseline) =>
  baseline.reqPerSec > 0 ? target.reqPerSec / baseline.reqPerSec : 0;
