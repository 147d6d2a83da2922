/**
 * Virtual time. Actions run in (time, insertion order), so two runs with the same inputs interleave identically.
 * There is no wall clock anywhere in the engine: time only moves when the next scheduled action runs.
 */
export interface Scheduler {
  readonly now: number;
  at(time: number, action: () => void): void;
  after(delayMs: number, action: () => void): void;
  /** Runs until nothing is scheduled or `maxActions` ran (a guard against a scenario that never settles). */
  run(maxActions?: number): { settled: boolean; actions: number };
}

interface Entry {
  time: number;
  order: number;
  action: () => void;
}

export function createScheduler(): Scheduler {
  const queue: Entry[] = [];
  let now = 0;
  let order = 0;
  const insert = (entry: Entry): void => {
    // Binary search keeps the queue sorted; scenarios schedule a few hundred actions, so this stays cheap.
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = queue[mid]!;
      if (m.time < entry.time || (m.time === entry.time && m.order < entry.order)) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, entry);
  };
  return {
    get now() {
      return now;
    },
    at(time, action) {
      insert({ time: Math.max(time, now), order: order++, action });
    },
    after(delayMs, action) {
      insert({ time: now + delayMs, order: order++, action });
    },
    run(maxActions = 20000) {
      let actions = 0;
      while (queue.length > 0) {
        if (actions >= maxActions) return { settled: false, actions };
        const next = queue.shift()!;
        now = next.time;
        next.action();
        actions++;
      }
      return { settled: true, actions };
    },
  };
}
