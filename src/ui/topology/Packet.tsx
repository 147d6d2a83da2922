import { m, useTransform } from 'framer-motion';
import type { SegmentSentEvent } from '../../sim/index';
import { wireLook } from '../../state/derive/wireLook';
import { flightProgress } from '../../state/playback';
import { usePlayhead } from '../player/PlayheadProvider';
import { LOCK_PATH, UNLOCK_PATH } from './glyphs';
import { pointAlong, routeOf, type TopologyLayout } from './layout';


export interface PacketProps {
  readonly event: SegmentSentEvent;
  readonly index: number;
  readonly layout: TopologyLayout;
  readonly current: boolean;
  readonly onInspect: (index: number) => void;
}

/**
 * A packet on the wire. Its position is a pure function of the playhead (`t` -> `arrivesAt`); framer-motion
 * renders it from motion values, so playback never re-renders React per frame. Lock or open lock, and for the
 * current step the words too: never colour alone.
 */
export function Packet({ event, index, layout, current, onInspect }: PacketProps) {
  const playhead = usePlayhead();
  const route = routeOf(layout, event.from, event.to);
  const look = wireLook(event);
  const x = useTransform(playhead, (p) => pointAlong(route, flightProgress(event, p) ?? 0).x);
  const y = useTransform(playhead, (p) => pointAlong(route, flightProgress(event, p) ?? 0).y);
  const visibility = useTransform(playhead, (p) => (flightProgress(event, p) === null ? 'hidden' : 'visible'));
  const control = look.kind === 'control';
  return (
    <m.g
      className={`packet packet-${look.kind}${current ? ' current' : ''}`}
      style={{ x, y, visibility }}
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
        <g className="packet-callout" transform="translate(0 22)">
          <text y={12} textAnchor="middle" className="packet-label">{event.label.length > 34 ? `${event.label.slice(0, 33)}…` : event.label}</text>
          <text y={30} textAnchor="middle" className="packet-look">{look.text}</text>
        </g>
      )}
    </m.g>
  );
}
