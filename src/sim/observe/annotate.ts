/** The post-run pass: adds layers, ladder labels and per-observer views to every packet event. */
import type { SegmentSentEvent, SimEvent } from '../core/events';
import { dissectConnection } from './layers';
import { viewConnection, type KeyringSources } from './visibility';

export function annotatePackets(events: readonly SimEvent[], sources: KeyringSources): SimEvent[] {
  const byConnection = new Map<string, SegmentSentEvent[]>();
  for (const e of events) {
    if (e.type !== 'tcp.segmentSent') continue;
    const list = byConnection.get(e.connectionId) ?? [];
    list.push(e);
    byConnection.set(e.connectionId, list);
  }
  const replaced = new Map<SegmentSentEvent, SegmentSentEvent>();
  for (const segments of byConnection.values()) {
    const dissected = dissectConnection(segments);
    const views = viewConnection(segments, sources);
    for (const segment of segments) {
      const d = dissected.get(segment);
      replaced.set(segment, {
        ...segment,
        ...(d ? { layers: d.layers, label: d.label } : {}),
        views: views.get(segment) ?? {},
      });
    }
  }
  return events.map((e) => (e.type === 'tcp.segmentSent' ? replaced.get(e) ?? e : e));
}
