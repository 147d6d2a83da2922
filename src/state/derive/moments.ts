/**
 * The beginner's view of the current run: its key moments (computed once per events array), which one the cursor
 * is in, and where Next and Previous go from there.
 */
import { keyMoments, type KeyMoment, type SimEvent } from '../../sim/index';

const cache = new WeakMap<readonly SimEvent[], readonly KeyMoment[]>();

/** The key moments of a run, computed once per events array (the run never changes once stored). */
export function momentsOf(events: readonly SimEvent[]): readonly KeyMoment[] {
  let moments = cache.get(events);
  if (!moments) {
    moments = keyMoments(events);
    cache.set(events, moments);
  }
  return moments;
}

/** Position of the moment the cursor is in: the latest one at or before it; -1 before the first. */
export function momentAt(moments: readonly KeyMoment[], cursor: number): number {
  let lo = 0;
  let hi = moments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (moments[mid]!.index <= cursor) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The step of the first moment after the cursor; null when none is left. */
export function nextMomentStep(moments: readonly KeyMoment[], cursor: number): number | null {
  return moments[momentAt(moments, cursor) + 1]?.index ?? null;
}

/** The step of the latest moment before the cursor (the start of the current one, when inside it); null at the first. */
export function previousMomentStep(moments: readonly KeyMoment[], cursor: number): number | null {
  return moments[momentAt(moments, cursor - 1)]?.index ?? null;
}
