/** Finding events in a timeline by type, with their step numbers: the readers of a run's facts share these. */
import type { EventOf, SegmentSentEvent, SimEvent, SimEventType } from './events';

export const isPacket = (e: SimEvent): e is SegmentSentEvent => e.type === 'tcp.segmentSent';

/** Every event of one type with its index (its step) in the run. */
export function indexed<T extends SimEventType>(events: readonly SimEvent[], type: T): { readonly event: EventOf<T>; readonly index: number }[] {
  const out: { event: EventOf<T>; index: number }[] = [];
  events.forEach((event, index) => {
    if (event.type === type) out.push({ event: event as EventOf<T>, index });
  });
  return out;
}
