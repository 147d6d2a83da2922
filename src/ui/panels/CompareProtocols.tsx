import type { ReactNode } from 'react';
import { MODE_LABELS, OBSERVER_LABELS, PROTOCOLS, TLS_PROTOCOLS, type ObserverId, type TlsProtocol } from '../../sim/index';
import { protocolRow, type ProtocolRow } from '../../state/derive/protocolCompare';
import type { SimState } from '../../state/store';
import { selectCurrentRun, selectMode, selectScenario } from '../../state/selectors';
import { Icon } from '../Icon';
import { useDeferredSim } from '../useDeferredSim';

const selectProtocolRows = (s: SimState) => s.protocolRows;
const BACKENDS: readonly ObserverId[] = ['backend-1', 'backend-2', 'backend-3'];
const EAVESDROPPERS: readonly ObserverId[] = ['eve-internet', 'eve-internal'];
/** Short names, so three columns fit beside each other. */
const SHORT: Partial<Record<ObserverId, string>> = { 'eve-internet': 'internet tap', 'eve-internal': 'internal tap' };

function yesNo(read: boolean, yes: string, no: string): ReactNode {
  return <span className="cell-state"><Icon name={read ? 'unlock' : 'lock'} size={12} /> {read ? yes : no}</span>;
}

function readersOf(row: ProtocolRow, among: readonly ObserverId[]): ReactNode {
  const read = among.filter((o) => row.readers.includes(o));
  return yesNo(read.length > 0, `Read HTTP${among.length > 1 ? ` (${read.map((o) => SHORT[o] ?? OBSERVER_LABELS[o]).join(', ')})` : ''}`, 'Read nothing');
}

interface Line {
  readonly label: string;
  readonly render: (row: ProtocolRow) => ReactNode;
}

const LINES: readonly Line[] = [
  { label: 'Client', render: (r) => readersOf(r, ['client']) },
  { label: 'Load balancer', render: (r) => readersOf(r, ['lb']) },
  { label: 'Backends', render: (r) => readersOf(r, BACKENDS) },
  { label: 'Eavesdroppers', render: (r) => readersOf(r, EAVESDROPPERS) },
  {
    label: 'Passthrough LB saw the server certificate',
    render: (r) => (r.lbCertificate === null
      ? 'n/a: the LB ends TLS and presents it'
      : yesNo(r.lbCertificate !== '', `Yes: ${r.lbCertificate}`, 'No: it was encrypted')),
  },
  { label: 'Round trips before the request', render: (r) => (r.roundTrips === null ? 'no handshake completed' : `${r.roundTrips} (server flights the client waited for)`) },
];

const STOLEN_KEY_LINE: Line = {
  label: 'Internet eavesdropper holding the stolen site key',
  render: (r) => yesNo(r.eavesdropperRead, 'Decrypted the recording', 'Decrypted nothing (forward secrecy)'),
};

/**
 * The consequence of the TLS version at a glance: the current scenario and mode, run under each version. The
 * version on screen comes from the current run; the others are run by the worker in the background.
 */
export function CompareProtocols() {
  const current = useDeferredSim(selectCurrentRun);
  const rows = useDeferredSim(selectProtocolRows);
  const mode = useDeferredSim(selectMode);
  const scenario = useDeferredSim(selectScenario);
  if (!current) return null;
  const shown = current.timeline.options.protocol;
  const stolenKey = scenario?.faults?.stolenSiteKey === true;
  const lines = stolenKey ? [...LINES, STOLEN_KEY_LINE] : LINES;
  const columns = TLS_PROTOCOLS.map((p: TlsProtocol) => ({
    protocol: p,
    row: p === shown ? protocolRow(current.timeline, current.summary) : rows[mode]?.[p],
  }));
  return (
    <section className="compare compare-protocols panel" aria-labelledby="compare-protocols-heading">
      <h2 id="compare-protocols-heading">Compare protocols</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Compare protocols, table">
        <table>
          <caption>This scenario in {MODE_LABELS[mode]}, run under each TLS version: who read the HTTP, what the load balancer saw, how long the handshake took</caption>
          <thead>
            <tr>
              <th scope="col">{MODE_LABELS[mode]}</th>
              {columns.map((c) => (
                <th key={c.protocol} scope="col" className={c.protocol === shown ? 'current-col' : undefined}>
                  {PROTOCOLS[c.protocol].label}{c.protocol === shown ? ' (shown)' : ''}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                {columns.map((c) => (
                  <td key={c.protocol} className={c.protocol === shown ? 'current-col' : undefined}>{c.row ? line.render(c.row) : 'computing…'}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
