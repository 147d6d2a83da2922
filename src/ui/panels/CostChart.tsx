import { MODES, MODE_LABELS, OBSERVER_LABELS, type Mode, type NodeId } from '../../sim/index';
import { nodeCost, type NodeCost } from '../../state/derive/cryptoCost';
import { selectRuns } from '../../state/selectors';
import { useDeferredSim } from '../useDeferredSim';

const NODES: readonly NodeId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3'];

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const kB = (bytes: number): string => (bytes < 1000 ? `${bytes} bytes` : `${(bytes / 1000).toFixed(1)} kB`);

/** The counts in words: the figure that does not change between loads. */
function workText({ work }: NodeCost): string {
  if (work.handshakes === 0 && work.recordsEncrypted + work.recordsDecrypted === 0) return 'no TLS work';
  const parts = [
    plural(work.handshakes, 'handshake'),
    plural(work.privateKeyOperations, 'private-key operation'),
    ...(work.keyExchanges > 0 ? [plural(work.keyExchanges, 'key exchange')] : []),
    ...(work.signatureChecks > 0 ? [plural(work.signatureChecks, 'signature check')] : []),
    `${work.recordsEncrypted} records encrypted (${kB(work.bytesEncrypted)}), ${work.recordsDecrypted} decrypted (${kB(work.bytesDecrypted)})`,
  ];
  return parts.join(' · ');
}

function timeText({ handshakeTime: t }: NodeCost): string | null {
  if (!t) return null;
  if (t.count === 1) return `one handshake measured: ${t.minMs.toFixed(1)} ms`;
  return `median handshake ${t.medianMs.toFixed(1)} ms (${t.minMs.toFixed(1)}–${t.maxMs.toFixed(1)} ms over ${t.count})`;
}

/**
 * Cryptographic work per node in each mode. The bar and the first line are counts (private-key operations are the
 * costly part of a handshake, and they land where the site's key lives); the second line is time measured in
 * this browser, a median with its range, because single timings swing with the browser's warm-up and load.
 */
export function CostChart() {
  const runs = useDeferredSim(selectRuns);
  const rows = NODES.map((node) => ({
    node,
    bars: MODES.map((mode: Mode) => {
      const timeline = runs[mode]?.timeline;
      return { mode, cost: timeline ? nodeCost(timeline, node) : null };
    }),
  }));
  const weight = (c: NodeCost | null): number => (c ? c.work.privateKeyOperations * 10 + c.work.keyExchanges * 3 + c.work.recordsEncrypted + c.work.recordsDecrypted : 0);
  const max = Math.max(1, ...rows.flatMap((r) => r.bars.map((b) => weight(b.cost))));
  return (
    <section className="cost panel" aria-labelledby="cost-heading">
      <h2 id="cost-heading">Cost: cryptographic work per node</h2>
      <p className="panel-note">
        Counted in this run, so the same on every visit: handshakes, private-key operations (signing, or decrypting the
        client&apos;s secret: the costly part), key exchanges, and the records each node encrypted and decrypted. Where the
        work lands moves with the mode. Times are measured in this browser and vary between visits: shown as a median with
        its range.
      </p>
      <dl className="cost-chart">
        {rows.map((row) => (
          <div key={row.node} className="cost-row">
            <dt>{OBSERVER_LABELS[row.node]}</dt>
            {row.bars.map(({ mode, cost }) => {
              const time = cost ? timeText(cost) : null;
              return (
                <dd key={mode} className={`cost-bar mode-${mode}`}>
                  <span className="cost-mode">{MODE_LABELS[mode]}</span>
                  <span className="cost-track" aria-hidden="true"><span className="cost-fill" style={{ width: `${(weight(cost) / max) * 100}%` }} /></span>
                  <span className="cost-value">
                    {cost === null ? 'computing…' : workText(cost)}
                    {time && <span className="cost-time">{time}</span>}
                  </span>
                </dd>
              );
            })}
          </div>
        ))}
      </dl>
    </section>
  );
}
