import { MODE_LABELS } from '../sim/index';
import { selectCurrentRun } from '../state/store';
import { EventLog } from './EventLog';
import { ModeSwitch } from './ModeSwitch';
import { ProtocolNote } from './ProtocolNote';
import { ScenarioPicker } from './ScenarioPicker';
import { SummaryPanel } from './SummaryPanel';
import { useSim } from './SimContext';

export function Simulator() {
  const status = useSim((s) => s.status);
  const error = useSim((s) => s.error);
  const mode = useSim((s) => s.mode);
  const run = useSim(selectCurrentRun);
  return (
    <div className="simulator">
      <header className="sim-header">
        <h1>Passthrough Lab</h1>
        <p className="tagline">TLS passthrough, offloading and bridging at a load balancer, with real TLS running in your browser.</p>
      </header>
      <div className="controls">
        <ScenarioPicker />
        <ModeSwitch />
      </div>
      <p className="status" role="status" aria-live="polite">
        {status === 'error'
          ? `The engine failed: ${error ?? 'unknown error'}`
          : run
            ? `${MODE_LABELS[mode]}: ${run.timeline.events.length} events ready.`
            : status === 'starting'
              ? 'Generating RSA keys and certificates…'
              : 'Running the TLS handshakes…'}
      </p>
      {run && (
        <main className="results">
          <SummaryPanel summary={run.summary} ms={run.ms} />
          <section className="log" aria-labelledby="log-heading">
            <h2 id="log-heading">Event log ({MODE_LABELS[mode]})</h2>
            <EventLog events={run.timeline.events} />
          </section>
        </main>
      )}
      <ProtocolNote />
    </div>
  );
}
