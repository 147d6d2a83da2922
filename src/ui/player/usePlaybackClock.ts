import { useEffect } from 'react';
import { advancePlayback, playbackPlan, TIMING } from '../../state/playback';
import { selectPlaying } from '../../state/selectors';
import { useSim, useSimStore } from '../SimContext';

/**
 * The one clock that drives playback: a requestAnimationFrame loop, running only while playing, that advances
 * (cursor, playhead) with the pure `advancePlayback`. Everything that moves derives from those two numbers.
 */
export function usePlaybackClock(reduced: boolean): void {
  const store = useSimStore();
  const playing = useSim(selectPlaying);
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last: number | null = null;
    let dwell: number = reduced ? TIMING.reducedDwellMs : TIMING.dwellMs;
    let lastCursor = store.getState().cursor;
    let lastMode = store.getState().mode;
    const tick = (now: number): void => {
      const s = store.getState();
      const run = s.runs[s.mode];
      if (!s.playing || !run) return;
      // Someone stepped or switched mode: show that step for a full dwell before moving on.
      if (s.cursor !== lastCursor || s.mode !== lastMode) dwell = reduced ? TIMING.reducedDwellMs : TIMING.dwellMs;
      const dt = last === null ? 0 : Math.min(now - last, 100);
      last = now;
      const events = run.timeline.events;
      const next = advancePlayback(events, playbackPlan(events), { cursor: s.cursor, playhead: s.playhead, dwell }, dt, { speed: s.speed, reduced });
      dwell = next.dwell;
      lastCursor = next.cursor;
      lastMode = s.mode;
      if (next.finished) {
        s.setPlayback({ cursor: next.cursor, playhead: next.playhead, playing: false });
        return;
      }
      if (next.cursor !== s.cursor || next.playhead !== s.playhead) s.setPlayback({ cursor: next.cursor, playhead: next.playhead });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, reduced, store]);
}
