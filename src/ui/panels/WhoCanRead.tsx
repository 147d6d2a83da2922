import { useMemo } from 'react';
import { MODE_LABELS, OBSERVER_LABELS } from '../../sim/index';
import { ITEMS, ITEM_LABELS, OBSERVERS, whoCanRead, type CellState } from '../../state/derive/whoCanRead';
import { selectCurrentRun, selectCursor, selectMode } from '../../state/selectors';
import { Icon, type IconName } from '../Icon';
import { useDeferredSim } from '../useDeferredSim';

const ICONS: Record<CellState, IconName> = { read: 'unlock', encrypted: 'lock', absent: 'none' };
const WORDS: Record<CellState, string> = { read: 'Reads', encrypted: 'Encrypted', absent: 'No' };

/** Observers x items, for the current mode up to the current step: what each one really recovered. */
export function WhoCanRead() {
  const run = useDeferredSim(selectCurrentRun);
  const cursor = useDeferredSim(selectCursor);
  const mode = useDeferredSim(selectMode);
  const events = run?.timeline.events;
  const eavesdroppers = run?.timeline.options.eavesdroppers ?? true;
  const rows = useMemo(() => (events ? whoCanRead(events, cursor, eavesdroppers) : null), [events, cursor, eavesdroppers]);
  if (!rows) return null;
  return (
    <section className="who-can-read panel" aria-labelledby="who-heading">
      <h2 id="who-heading">Who can read what</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Who can read what, table">
        <table>
          <caption>{MODE_LABELS[mode]}, up to step {cursor + 1}: what each observer recovered from the packets it saw</caption>
          <thead>
            <tr>
              <th scope="col">Observer</th>
              {ITEMS.map((item) => <th key={item} scope="col">{ITEM_LABELS[item]}</th>)}
            </tr>
          </thead>
          <tbody>
            {OBSERVERS.map((o) => (
              <tr key={o}>
                <th scope="row">{OBSERVER_LABELS[o]}</th>
                {ITEMS.map((item) => {
                  const cell = rows[o][item];
                  return (
                    <td key={item} className={`cell-${cell.state}`}>
                      <span className="cell-state"><Icon name={ICONS[cell.state]} size={12} /> {WORDS[cell.state]}</span>
                      <span className="cell-text">{cell.text}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
