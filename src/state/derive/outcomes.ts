/**
 * The run's outcomes (src/sim/run/outcome.ts) the playhead has reached: the banner shows an outcome from the step
 * that decides it. The engine's facts are computed once per run.
 */
import { runOutcomes, type RunOutcome, type Timeline } from '../../sim/index';

const cache = new WeakMap<Timeline, readonly RunOutcome[]>();

export function outcomesUpTo(timeline: Timeline, cursor: number): readonly RunOutcome[] {
  let all = cache.get(timeline);
  if (!all) cache.set(timeline, (all = runOutcomes(timeline)));
  return all.filter((o) => o.step <= cursor);
}
