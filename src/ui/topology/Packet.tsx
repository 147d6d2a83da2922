import { m, useTransform } from 'framer-motion';
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
 * A packet on the wire. Its position is a pure function of the playhead (`t` -> `arrivesAt`); framer-motion
 * renders it from motion values, so playback never re-renders React per frame. Lock or open lock, and for the
 * current step the words too: never colour alone.
 */
export function Packet({ event, index, layout, current, rank, onInspect }: PacketProps) {
  const playhead = usePlayhead();
  const route = routeOf(layout, event.from, event.to);
  const look = wireLook(event);
  const at = (p: number) => pointAlong(route, trailingProgress(route, flightProgress(event, p) ?? 0, rank));
  const x = useTransform(playhead, (p) => at(p).x);
  const y = useTransform(playhead, (p) => at(p).y);
  const label = event.label.length > 34 ? `${event.label.slice(0, 33)}…` : event.label;
  const box = calloutBox(label, look.text);
  const calloutX = useTransform(playhead, (p) => calloutShift(layout, at(p), box));
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
        <m.g className="packet-callout" style={{ x: calloutX, y: box.top }}>
          <text y={12} textAnchor="middle" className="packet-label">{label}</text>
          <text y={30} textAnchor="middle" className="packet-look">{look.text}</text>
        </m.g>
      )}
    </m.g>
  );
}
