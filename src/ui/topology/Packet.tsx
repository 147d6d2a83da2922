import { useLayoutEffect, useRef } from 'react';
import type { SegmentSentEvent } from '../../sim/index';
import { wireLook } from '../../state/derive/wireLook';
import { flightProgress } from '../../state/playback';
import { usePlayhead } from '../player/PlayheadProvider';
import { LOCK_PATH, UNLOCK_PATH } from './glyphs';
import { calloutBox, calloutShift, pointAlong, routeOf, trailingProgress, type TopologyLayout } from './layout';


export interface PacketProps {
  readonly event: SegmentSentEvent;
  readonly index: number;
  readonly layout: TopologyLayout;
  readonly current: boolean;
  /** Its place in a flight of packets that left on the same route at the same instant (0 = the first). */
  readonly rank: number;
  readonly onInspect: (index: number) => void;
}

/**
 * A packet on the wire. Its position is a pure function of the playhead (`t` -> `arrivesAt`): the playhead is a
 * framer-motion value, and each change moves the packet's transform directly, so playback never re-renders React
 * per frame (and needs none of framer-motion's component machinery). Lock or open lock, and for the current step
 * the words too: never colour alone.
 */
export function Packet({ event, index, layout, current, rank, onInspect }: PacketProps) {
  const playhead = usePlayhead();
  const route = routeOf(layout, event.from, event.to);
  const look = wireLook(event);
  const label = event.label.length > 34 ? `${event.label.slice(0, 33)}…` : event.label;
  const body = useRef<SVGGElement>(null);
  const callout = useRef<SVGGElement>(null);
  useLayoutEffect(() => {
    const box = calloutBox(label, look.text);
    const draw = (p: number): void => {
      const el = body.current;
      if (!el) return;
      const progress = flightProgress(event, p);
      el.style.visibility = progress === null ? 'hidden' : 'visible';
      if (progress === null) return;
      const at = pointAlong(route, trailingProgress(route, progress, rank));
      el.setAttribute('transform', `translate(${at.x} ${at.y})`);
      callout.current?.setAttribute('transform', `translate(${calloutShift(layout, at, box)} ${box.top})`);
    };
    draw(playhead.get());
    return playhead.on('change', draw);
  }, [playhead, event, route, rank, layout, label, look.text, current]);
  const control = look.kind === 'control';
  return (
    <g
      ref={body}
      className={`packet packet-${look.kind}${current ? ' current' : ''}`}
      style={{ visibility: 'hidden' }}
      onClick={() => onInspect(index)}
      data-packet={index}
      aria-hidden="true"
    >
      {control ? (
        <>
          <circle r={current ? 12 : 9} className="packet-body" />
          <text className="packet-flags" y={current ? -18 : -14} textAnchor="middle">{event.flags.join('+')}</text>
        </>
      ) : (
        <>
          <rect x={-17} y={-13} width={34} height={26} rx={6} className="packet-body" />
          <path d={look.icon === 'lock' ? LOCK_PATH : UNLOCK_PATH} className="packet-icon" transform="scale(1.5)" />
        </>
      )}
      {current && !control && (
        <g ref={callout} className="packet-callout">
          <text y={12} textAnchor="middle" className="packet-label">{label}</text>
          <text y={30} textAnchor="middle" className="packet-look">{look.text}</text>
        </g>
      )}
    </g>
  );
}
