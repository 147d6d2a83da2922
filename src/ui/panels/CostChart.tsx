import { MODES, MODE_LABELS, OBSERVER_LABELS, type Mode, type NodeId } from '../../sim/index';
import { selectRuns } from '../../state/selectors';
import { useSim } from '../SimContext';

const NODES: readonly NodeId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3'];

/** Measured crypto time per node in each mode (the engine times every TLS operation with the browser's clock). */
export function CostChart() {
  const runs = useSim(selectRuns);
  const rows = NODES.map((node) => ({
    node,
    bars: MODES.map((mode: Mode) => {
      const cost = runs[mode]?.timeline.cost.find((c) => c.node === node);
      return { mode, ms: cost ? cost.handshakeMs + cost.recordMs : null, handshakeMs: cost?.handshakeMs ?? 0, operations: cost?.operations ?? 0 };
    }),
  }));
  const max = Math.max(0.001, ...rows.flatMap((r) => r.bars.map((b) => b.ms ?? 0)));
  return (
    <section className="cost panel" aria-labelledby="cost-heading">
      <h2 id="cost-heading">Cost: crypto time per node</h2>
      <p className="panel-note">Measured in this browser while the engine ran (TLS handshakes and record encryption); where the work lands moves with the mode.</p>
      <dl className="cost-chart">
        {rows.map((row) => (
          <div key={row.node} className="cost-row">
            <dt>{OBSERVER_LABELS[row.node]}</dt>
            {row.bars.map((bar) => (
              <dd key={bar.mode} className={`cost-bar mode-${bar.mode}`}>
                <span className="cost-mode">{MODE_LABELS[bar.mode]}</span>
                <span className="cost-track" aria-hidden="true"><span className="cost-fill" style={{ width: `${((bar.ms ?? 0) / max) * 100}%` }} /></span>
                <span className="cost-value">
                  {bar.ms === null ? 'computing…' : bar.operations === 0 ? 'no crypto' : `${bar.ms.toFixed(1)} ms (${bar.handshakeMs.toFixed(1)} handshake)`}
                </span>
              </dd>
            ))}
          </div>
        ))}
      </dl>
    </section>
  );
}
