/**
 * One engine run per (scenario, faults, mode, options), shared by every test of a file that only reads it, and the
 * two readers every outcome test needs. The lab PKI is generated once per file in beforeAll and handed over lazily.
 */
import { runScenario, summarize } from '../../../src/sim/engine';
import type { LabPki, Mode, RunOptions, RunSummary, Scenario, SegmentSentEvent, SimEvent, Timeline } from '../../../src/sim/engine';

export interface CachedRun { readonly t: Timeline; readonly s: RunSummary }

export function createRunCache(pki: () => LabPki, seed: number): (scenario: Scenario, mode: Mode, options?: Partial<RunOptions>) => CachedRun {
  const cache = new Map<string, CachedRun>();
  return (scenario, mode, options = {}) => {
    const key = JSON.stringify([scenario.id, scenario.faults ?? null, mode, options]);
    let cached = cache.get(key);
    if (!cached) {
      const t = runScenario(scenario, { mode, seed, options }, pki());
      cached = { t, s: summarize(t) };
      cache.set(key, cached);
    }
    return cached;
  };
}

export const eventsOf = <T extends SimEvent['type']>(t: Timeline, type: T): Extract<SimEvent, { type: T }>[] =>
  t.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

export const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
