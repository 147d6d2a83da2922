import { useCallback, useEffect, useRef } from 'react';
import { MODE_LABELS } from '../../sim/index';
import { momentAt } from '../../state/derive/moments';
import { selectCursor, selectDetail, selectEvents, selectMode, selectMoments, selectRunProtocol } from '../../state/selectors';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';
import { DetailToggle } from './DetailToggle';
import { LANES, LANE_NAMES } from './lanes';
import { LadderRow } from './LadderRow';
import { MomentRow } from './MomentRow';
import './moments.css';

/**
 * The run as a step list: with every packet, the sequence (ladder) diagram as Wireshark's flow graph draws it, one
 * row per step; in the beginner's view, one row per key moment. Either way it is the keyboard's step list: one tab
 * stop, arrow keys move through it, the current row highlighted.
 */
export function Ladder() {
  const events = useDeferredSim(selectEvents);
  const cursor = useDeferredSim(selectCursor);
  const mode = useDeferredSim(selectMode);
  const moments = useDeferredSim(selectMoments);
  const protocol = useDeferredSim(selectRunProtocol);
  const detail = useSim(selectDetail);
  const liveEvents = useSim(selectEvents);
  const seek = useSim((s) => s.seek);
  const list = useRef<HTMLOListElement>(null);
  // The rows lag the store by a render while a new run is drawn (useDeferredValue): a row's index then names a
  // step of the previous run, so a click on it would open another packet than the one it shows.
  const stale = events !== liveEvents;
  const onSelect = useCallback((index: number) => { if (!stale) seek(index); }, [seek, stale]);
  const byMoment = detail === 'moments';
  const currentMoment = momentAt(moments, cursor);
  // The row that holds the tab stop: the current step's, or in the beginner's view the moment the cursor is in.
  const focusStep = byMoment ? moments[Math.max(0, currentMoment)]?.index ?? 0 : cursor;

  useEffect(() => {
    // Read the geometry at the start of the next frame, when layout is clean: reading it right after this commit
    // would force a synchronous layout of the whole page in the middle of playback.
    const frame = requestAnimationFrame(() => {
      const container = list.current?.parentElement;
      const row = list.current?.querySelector<HTMLElement>(`[data-step="${focusStep}"]`);
      if (!container || !row) return;
      // Scroll only the ladder, never the page (scrollIntoView would move the window during playback).
      // The scroll container is the rows' offsetParent (position: relative).
      const top = row.offsetTop;
      if (top < container.scrollTop || top + row.offsetHeight > container.scrollTop + container.clientHeight) {
        container.scrollTop = Math.max(0, top - container.clientHeight / 3);
      }
    });
    // Keyboard users moving along the list: the focus follows the current step at once (not from a row's links).
    const row = list.current?.querySelector<HTMLElement>(`[data-step="${focusStep}"]`);
    const focused = document.activeElement;
    if (row && focused instanceof HTMLButtonElement && list.current?.contains(focused) && focused !== row) row.focus({ preventScroll: true });
    return () => cancelAnimationFrame(frame);
  }, [focusStep, events, detail]);

  if (events.length === 0) return null;
  return (
    <section className="ladder panel" aria-labelledby="ladder-heading">
      <h2 id="ladder-heading">{byMoment ? 'Key moments' : 'Sequence diagram'} ({MODE_LABELS[mode]})</h2>
      <div className="ladder-toolbar"><DetailToggle /></div>
      {!byMoment && (
        <div className="ladder-head" aria-hidden="true">
          <span className="ladder-time">time</span>
          <span className="ladder-lanes">{LANES.map((l) => <span key={l}>{LANE_NAMES[l]}</span>)}</span>
        </div>
      )}
      <div className="ladder-scroll">
        <ol ref={list} className="ladder-list" aria-label="Steps" aria-busy={stale || undefined} data-step-list="">
          {byMoment
            ? moments.map((moment, position) => (
              <MomentRow
                key={moment.index} moment={moment} position={position} count={moments.length} current={position === currentMoment}
                focusable={position === Math.max(0, currentMoment)} mode={mode} protocol={protocol} onSelect={onSelect}
              />
            ))
            : events.map((event, index) => (
              <LadderRow key={index} event={event} index={index} current={index === cursor} onSelect={onSelect} />
            ))}
        </ol>
      </div>
    </section>
  );
}
