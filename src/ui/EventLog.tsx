import type { SimEvent } from '../sim/index';
import { ReadabilityBadge } from './ReadabilityBadge';
import { useSim } from './SimContext';

function describe(event: SimEvent): { who: string; what: string } {
  if (event.type === 'tcp.segmentSent') {
    return { who: `${event.from} → ${event.to}`, what: `${event.label} (${event.payload.length} bytes, ${event.link} link)` };
  }
  return { who: event.node, what: event.text };
}

/** The run's events in order; selecting one shows what every observer could make of it. */
export function EventLog({ events }: { events: readonly SimEvent[] }) {
  const cursor = useSim((s) => s.cursor);
  const select = useSim((s) => s.select);
  return (
    <ol className="event-log" aria-label="Event log">
      {events.map((event, index) => {
        const { who, what } = describe(event);
        const selected = index === cursor;
        return (
          <li key={index} className={`event event-${event.type.split('.')[0]}${selected ? ' selected' : ''}`}>
            <button type="button" aria-pressed={selected} onClick={() => select(index)}>
              <span className="event-time">{event.t.toFixed(1)} ms</span>
              <span className="event-who">{who}</span>
              <span className="event-what">{what}</span>
            </button>
            {event.type === 'tcp.segmentSent' && event.payload.length > 0 && (
              <div className="event-views">
                {Object.values(event.views).map((view) => view && <ReadabilityBadge key={view.observer} view={view} />)}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
