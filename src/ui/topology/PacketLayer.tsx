import { useMemo } from 'react';
import type { SimEvent } from '../../sim/index';
import { isPacket } from '../../state/derive/events';
import { packetsInPlay, playbackPlan } from '../../state/playback';
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
 * The packets on the wire, moved by the playhead's framer-motion value. This layer is a chunk of its own, loaded
 * after the first paint; the rest of the topology is drawn without it. Reduced motion is the playback clock's job
 * (usePlaybackClock: packets jump from step to step instead of travelling).
 */
export default function PacketLayer({ events, cursor, layout, runKey, onInspect }: PacketLayerProps) {
  const inPlay = useMemo(() => packetsInPlay(events, playbackPlan(events), cursor), [events, cursor]);
  const ranks = useMemo(() => flightRanks(events, inPlay), [events, inPlay]);
  return (
      <PlayheadProvider>
        <g className="packets">
          {inPlay.map((i) => {
            const e = events[i];
            return isPacket(e) ? <Packet key={`${runKey}-${i}`} event={e} index={i} layout={layout} current={i === cursor} rank={ranks.get(i) ?? 0} onInspect={onInspect} /> : null;
          })}
        </g>
      </PlayheadProvider>
  );
}
