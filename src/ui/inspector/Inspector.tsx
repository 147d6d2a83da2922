import { useMemo, useState } from 'react';
import { OBSERVER_LABELS } from '../../sim/index';
import { isPacket, packetAtOrBefore } from '../../state/derive/events';
import { wireLook } from '../../state/derive/wireLook';
import { selectCurrentRun, selectCursor, selectInspected, selectViewAs } from '../../state/selectors';
import { Icon } from '../Icon';
import { useSim } from '../SimContext';
import { useContent } from '../useContent';
import { useDeferredSim } from '../useDeferredSim';
import { useMediaQuery } from '../useMediaQuery';
import { fieldAt, inspectorLayers } from './fields';
import { HexDump } from './HexDump';
import { LayerList } from './LayerList';
import { ObserverPanel } from './ObserverPanel';

/**
 * The packet inspector (after Wireshark): the selected packet's layers, its bytes with field <-> byte highlighting,
 * and "View as" any observer. It shows the packet picked in the topology, or else the current step's latest packet.
 */
export function Inspector() {
  const run = useDeferredSim(selectCurrentRun);
  const cursor = useDeferredSim(selectCursor);
  const inspected = useDeferredSim(selectInspected);
  const viewAs = useSim(selectViewAs);
  const setViewAs = useSim((s) => s.setViewAs);
  // The highlighted field belongs to one packet: a new packet starts with none.
  const narrow = useMediaQuery('(max-width: 560px)');
  const [hover, setHover] = useState<{ index: number; key: string } | null>(null);
  const events = run?.timeline.events;
  const index = events ? (inspected ?? packetAtOrBefore(events, cursor)) : -1;
  const packet = events?.[index];
  const content = useContent();
  const layers = useMemo(() => (isPacket(packet) ? inspectorLayers(packet, content) : []), [packet, content]);
  const activeKey = hover?.index === index ? hover.key : null;
  const setActiveKey = (key: string | null): void => {
    if (key !== activeKey) setHover(key === null ? null : { index, key });
  };
  if (!run || !isPacket(packet)) {
    return (
      <section className="inspector panel" aria-labelledby="inspector-heading">
        <h2 id="inspector-heading">Packet inspector</h2>
        <p>No packet yet at this step. Step forward, or pick a packet in the sequence diagram.</p>
      </section>
    );
  }
  const active = activeKey ? layers.flatMap((l) => l.fields.map((f, i) => ({ key: `${l.key}:${i}`, f }))).find((x) => x.key === activeKey)?.f ?? null : null;
  const look = wireLook(packet);
  return (
    <section className="inspector panel" aria-labelledby="inspector-heading">
      <h2 id="inspector-heading">Packet inspector</h2>
      <p className="inspector-title">
        <span className={`wire wire-${look.kind}`}><Icon name={look.icon} /> {look.text}</span>{' '}
        <strong>Step {index + 1}:</strong> {OBSERVER_LABELS[packet.from]} → {OBSERVER_LABELS[packet.to]}, {packet.label}, {packet.payload.length} bytes, sent at {packet.t.toFixed(1)} ms
        {packet.tampered && <strong className="tampered"> (altered in flight by an attacker at byte {packet.tampered.offset})</strong>}
      </p>
      <div className="inspector-grid">
        <LayerList layers={layers} activeKey={activeKey} onField={setActiveKey} />
        <div className="inspector-side">
          <ObserverPanel packet={packet} viewAs={viewAs} eavesdroppers={run.timeline.options.eavesdroppers} onViewAs={setViewAs} />
          <HexDump payload={packet.payload} perRow={narrow ? 8 : 16} highlight={active && active.offset >= 0 ? active : null}
            onHoverByte={(offset) => setActiveKey(offset === null ? null : fieldAt(layers, offset)?.key ?? null)} />
        </div>
      </div>
    </section>
  );
}
