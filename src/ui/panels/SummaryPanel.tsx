import { OBSERVER_LABELS, type ObserverId } from '../../sim/index';
import { selectCurrentRun } from '../../state/selectors';
import { Icon } from '../Icon';
import { useContent } from '../useContent';
import { useDeferredSim } from '../useDeferredSim';

/** The run's headline facts, all taken from the engine's summary of what really happened. */
export function SummaryPanel() {
  const run = useDeferredSim(selectCurrentRun);
  const content = useContent();
  if (!run) return null;
  const { summary, ms } = run;
  const observers = Object.entries(summary.observers) as [ObserverId, boolean][];
  return (
    <section className="summary panel" aria-labelledby="summary-heading">
      <h2 id="summary-heading">What happened</h2>
      <dl>
        <dt>Protocol</dt>
        <dd data-testid="summary-protocol">{summary.protocol}</dd>
        <dt>TLS sessions</dt>
        <dd>{summary.tlsSessions.length === 0 ? 'none completed' : summary.tlsSessions.map((s) => `${s.client} ⇄ ${s.server}`).join('; ')}</dd>
        <dt>Load balancer read HTTP</dt>
        <dd>{summary.lbReadPlaintext ? 'yes: it decrypted the requests' : 'no: it only saw TLS records'}</dd>
        <dt>Backend believed the client is</dt>
        <dd>{summary.backendSawClientIp ?? 'no request reached a backend'}</dd>
        <dt>Responses</dt>
        <dd>{summary.responses.length > 0 ? summary.responses.join(', ') : 'none'}</dd>
        {summary.failures.length > 0 && (
          <>
            <dt>Failures</dt>
            {/* The summary carries the failure's facts; the content words them (a code until it has loaded). */}
            <dd>{summary.failures.map((f) => (content ? content.gaveUpText(f.cause) : f.reason)).join('; ')}</dd>
          </>
        )}
      </dl>
      <h3>Who read HTTP plaintext</h3>
      <ul className="who-read">
        {observers.map(([id, read]) => (
          <li key={id}>
            <Icon name={read ? 'unlock' : 'lock'} size={13} /> {OBSERVER_LABELS[id]}: {read ? 'read plaintext' : 'read no plaintext'}
          </li>
        ))}
      </ul>
      <p className="run-cost">Engine run: {ms.toFixed(0)} ms of real TLS work in this browser.</p>
    </section>
  );
}
