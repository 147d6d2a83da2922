import { useMemo } from 'react';
import type { SimEvent } from '../../sim/index';
import { isPacket } from '../../state/derive/events';
import { packetsInPlay, playbackPlan } from '../../state/playback';
import { MotionProvider } from '../MotionProvider';
import { PlayheadProvider } from '../player/PlayheadProvider';
import type { TopologyLayout } from './layout';
import { Packet } from './Packet';

export interface PacketLayerProps {
  readonly events: readonly SimEvent[];
  readonly cursor: number;
  readonly layout: TopologyLayout;
  /** Keys the packets to one run, so a mode switch mounts fresh ones. */
  readonly runKey: string;
  readonly onInspect: (index: number) => void;
}

/** For each packet in play, how many packets left before it on the same route at the same instant. */
function flightRanks(events: readonly SimEvent[], inPlay: readonly number[]): Map<number, number> {
  const seen = new Map<string, number>();
  const ranks = new Map<number, number>();
  for (const i of inPlay) {
    const e = events[i];
    if (!isPacket(e)) continue;
    const flight = `${e.from}>${e.to}@${e.t}`;
    const rank = seen.get(flight) ?? 0;
    ranks.set(i, rank);
    seen.set(flight, rank + 1);
  }
  return ranks;
}

/**
 * The packets on the wire, drawn with framer-motion (LazyMotion + m + domAnimation). This layer and framer-motion
 * are a chunk of their own, loaded after the first paint; the rest of the topology is drawn without them.
 */
export default function PacketLayer({ events, cursor, layout, runKey, onInspect }: PacketLayerProps) {
  const inPlay = useMemo(() => packetsInPlay(events, playbackPlan(events), cursor), [events, cursor]);
  const ranks = useMemo(() => flightRanks(events, inPlay), [events, inPlay]);
  return (
    <MotionProvider>
      <PlayheadProvider>
        <g className="packets">
          {inPlay.map((i) => {
            const e = events[i];
            return isPacket(e) ? <Packet key={`${runKey}-${i}`} event={e} index={i} layout={layout} current={i === cursor} rank={ranks.get(i) ?? 0} onInspect={onInspect} /> : null;
          })}
        </g>
      </PlayheadProvider>
    </MotionProvider>
  );
}
