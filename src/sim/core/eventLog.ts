/** The run's append-only event log, stamped with the scheduler's virtual time. */
import type { NodeId } from '../net/topology';
import type { EventOf, SimEvent, SimEventType } from './events';
import type { Scheduler } from './scheduler';

type NoteType = Exclude<SimEventType, 'tcp.segmentSent'>;

export interface EventLog {
  readonly events: SimEvent[];
  readonly length: number;
  push(event: SimEvent): void;
  note<T extends NoteType>(type: T, node: NodeId, detail: EventOf<T>['detail']): void;
}

export function createEventLog(scheduler: Scheduler): EventLog {
  const events: SimEvent[] = [];
  return {
    events,
    get length() {
      return events.length;
    },
    push(event) {
      events.push(event);
    },
    note(type, node, detail) {
      events.push({ type, t: scheduler.now, node, detail } as SimEvent);
    },
  };
}
