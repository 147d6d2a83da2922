import { memo, useLayoutEffect, useRef, useState } from 'react';
import type { SimEvent } from '../../sim/index';
import { isPacket } from '../../state/derive/events';
import { eventWords } from '../../state/content';
import { useContent } from '../useContent';
import { wireLook } from '../../state/derive/wireLook';
import { Icon } from '../Icon';
import { LANE_SPOKEN, laneCenter } from './lanes';

export interface LadderRowProps {
  readonly event: SimEvent;
  readonly index: number;
  readonly current: boolean;
  readonly onSelect: (index: number) => void;
}

/**
 * Whether the row's one line had to cut its text off (only measured for the current row, the one a learner is
 * reading): then the row shows the whole text below it.
 */
function useCutOff(ref: React.RefObject<HTMLSpanElement | null>, current: boolean): boolean {
  const [cut, setCut] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    const lanes = el?.closest('.ladder-lanes');
    if (!current || !el || !lanes) return setCut(false);
    const clipped = el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > lanes.getBoundingClientRect().right + 1;
    setCut(clipped);
  }, [ref, current]);
  return cut;
}

/** One step of the sequence diagram: an arrow between two lanes for a packet, a note at its lane otherwise. */
export const LadderRow = memo(function LadderRow({ event, index, current, onSelect }: LadderRowProps) {
  const content = useContent();
  const time = `${event.t.toFixed(1)} ms`;
  const textRef = useRef<HTMLSpanElement>(null);
  const cut = useCutOff(textRef, current);
  let body;
  let spoken: string;
  let whole: string;
  if (isPacket(event)) {
    const look = wireLook(event);
    const a = laneCenter(event.from);
    const b = laneCenter(event.to);
    const left = Math.min(a, b);
    spoken = `${LANE_SPOKEN[event.from]} to ${LANE_SPOKEN[event.to]}: `;
    whole = `${event.label} (${look.text})`;
    body = (
      <span className={`ladder-arrow ${a < b ? 'to-right' : 'to-left'} wire-${look.kind}`} style={{ left: `${left}%`, width: `${Math.abs(b - a)}%` }}>
        <span className="ladder-label" ref={textRef}>
          <Icon name={look.icon} size={12} />
          {event.label} <span className="ladder-look">({look.text})</span>
        </span>
      </span>
    );
  } else {
    const at = laneCenter(event.node);
    spoken = `${LANE_SPOKEN[event.node] ?? event.node}: `;
    whole = eventWords(event, undefined, content);
    body = (
      <span className={`ladder-note${at > 50 ? ' from-right' : ''}`} style={at > 50 ? { right: `${100 - at}%`, maxWidth: `${at}%` } : { left: `${at}%`, maxWidth: `${100 - at}%` }}>
        <span className="ladder-dot" aria-hidden="true" />
        <span className="ladder-note-text" ref={textRef}>{whole}</span>
      </span>
    );
  }
  return (
    <li className={`ladder-row${current ? ' current' : ''}`}>
      <button type="button" tabIndex={current ? 0 : -1} aria-current={current ? 'step' : undefined} onClick={() => onSelect(index)} data-step={index}>
        <span className="ladder-time"><span className="sr-only">Step {index + 1}, </span>{time}</span>
        <span className="ladder-lanes">
          <span className="sr-only">{spoken}</span>
          {body}
        </span>
        {/* The current step's whole text when the row had to cut it (screen readers already hear all of it). */}
        {cut && <span className="ladder-whole" aria-hidden="true">{whole}</span>}
      </button>
    </li>
  );
});
