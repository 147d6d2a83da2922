/**
 * Next and Previous as the step list shows the run: event by event with every packet, moment by moment in the
 * beginner's view. The player's buttons and the keyboard shortcuts both step through here.
 */
import { nextMomentStep, previousMomentStep } from './derive/moments';
import { selectDetail, selectMoments } from './selectors';
import type { SimState, SimStore } from './store';

/** Where Next goes from the current step; null when there is nowhere left to go. */
export function nextStep(s: SimState): number | null {
  if (selectDetail(s) === 'packets') return s.cursor + 1 < (s.runs[s.mode]?.timeline.events.length ?? 0) ? s.cursor + 1 : null;
  return nextMomentStep(selectMoments(s), s.cursor);
}

/** Where Previous goes from the current step; null at the start. */
export function previousStep(s: SimState): number | null {
  if (selectDetail(s) === 'packets') return s.cursor > 0 ? s.cursor - 1 : null;
  return previousMomentStep(selectMoments(s), s.cursor);
}

/** Steps forward (pausing playback): one event, or to the next moment. */
export function stepNext(store: SimStore): void {
  const s = store.getState();
  if (s.detail === 'packets') return s.stepForward();
  const step = nextStep(s);
  s.pause();
  if (step !== null) s.seek(step);
}

/** Steps back (pausing playback): one event, or to the previous moment. */
export function stepPrevious(store: SimStore): void {
  const s = store.getState();
  if (s.detail === 'packets') return s.stepBackward();
  const step = previousStep(s);
  s.pause();
  if (step !== null) s.seek(step);
}
