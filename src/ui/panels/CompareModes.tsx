import { useState, type ReactNode } from 'react';
import { MODES, MODE_LABELS } from '../../sim/index';
import { requestAcrossMode, requestAt, requestStarts, type RequestAcrossMode, type SeenAs } from '../../state/derive/compare';
import { selectCurrentRun, selectCursor, selectRuns } from '../../state/selectors';
import { Icon } from '../Icon';
import { READABILITY_WORDS } from './ReadabilityBadge';
import { useDeferredSim } from '../useDeferredSim';
import { useContent } from '../useContent';

function Seen({ seen }: { seen: SeenAs }) {
  const content = useContent();
  if (seen.readability === 'off') return <span title="no such packet or observer in this run">not present</span>;
  return (
    <span className={`badge badge-${seen.readability}`} {...(content && seen.reason ? { title: content.viewReasonText(seen.reason) } : {})}>
      <Icon name={seen.readability === 'encrypted' ? 'lock' : 'unlock'} size={12} /> {READABILITY_WORDS[seen.readability]}
    </span>
  );
}

const ROWS: ReadonlyArray<{ label: string; render: (r: RequestAcrossMode) => ReactNode }> = [
  { label: 'Internet eavesdropper', render: (r) => <Seen seen={r.internetEavesdropper} /> },
  { label: 'Load balancer', render: (r) => <Seen seen={r.loadBalancer} /> },
  { label: 'Internal eavesdropper', render: (r) => <Seen seen={r.internalEavesdropper} /> },
  { label: 'Served by', render: (r) => r.backend ?? 'no backend' },
  { label: 'Client IP the backend saw', render: (r) => r.clientIp ?? 'none' },
  { label: 'WAF', render: (r) => r.waf ?? 'no verdict' },
  { label: 'Response status', render: (r) => r.status ?? 'none' },
];

/** The same request across the three modes, side by side. */
export function CompareModes() {
  const runs = useDeferredSim(selectRuns);
  const current = useDeferredSim(selectCurrentRun);
  const cursor = useDeferredSim(selectCursor);
  const [chosen, setChosen] = useState<number | null>(null);
  if (!current) return null;
  const starts = requestStarts(current.timeline.events);
  if (starts.length === 0) {
    return (
      <section className="compare panel" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare modes</h2>
        <p>No HTTP request was sent in this scenario.</p>
      </section>
    );
  }
  const r = Math.min(chosen ?? requestAt(current.timeline.events, cursor), starts.length - 1);
  const columns = MODES.map((m) => ({ mode: m, data: runs[m] ? requestAcrossMode(runs[m].timeline.events, r) : undefined }));
  return (
    <section className="compare panel" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare modes</h2>
      <label className="compare-pick">
        <span>Request</span>
        <select value={r} onChange={(e) => setChosen(Number(e.currentTarget.value))}>
          {starts.map((_, i) => {
            const d = requestAcrossMode(current.timeline.events, i);
            return <option key={i} value={i}>{`${i + 1}. ${d?.request ?? ''}`}</option>;
          })}
        </select>
      </label>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Compare modes, table">
        <table>
          <caption>The same request in each mode: who could read it, where it went, what the backend learned</caption>
          <thead>
            <tr>
              <th scope="col">Request {r + 1}</th>
              {columns.map((c) => <th key={c.mode} scope="col">{MODE_LABELS[c.mode]}</th>)}
            </tr>
          </thead>
          <tbody>
            {ROWS.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                {columns.map((c) => (
                  <td key={c.mode}>{c.data === undefined ? 'computing…' : c.data === null ? 'not sent in this mode' : row.render(c.data)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
