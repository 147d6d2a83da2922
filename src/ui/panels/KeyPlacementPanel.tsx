import { keyRoleText, MODES, MODE_LABELS, OBSERVER_LABELS, type NodeId } from '../../sim/index';
import { selectMode, selectRuns } from '../../state/selectors';
import { Icon } from '../Icon';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';

const NODES: readonly NodeId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3'];

/** Which node holds which private key and certificate in each mode, and whose TLS sessions it took part in. */
export function KeyPlacementPanel() {
  const runs = useDeferredSim(selectRuns);
  const mode = useSim(selectMode);
  return (
    <section className="keys panel" aria-labelledby="keys-heading">
      <h2 id="keys-heading">Where the keys live</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Where the keys live, table">
        <table>
          <caption>Private keys and certificates per node, and the TLS sessions each one ended, in each mode</caption>
          <thead>
            <tr>
              <th scope="col">Node</th>
              {MODES.map((m) => <th key={m} scope="col" className={m === mode ? 'current-col' : undefined}>{MODE_LABELS[m]}{m === mode ? ' (shown)' : ''}</th>)}
            </tr>
          </thead>
          <tbody>
            {NODES.map((node) => (
              <tr key={node}>
                <th scope="row">{OBSERVER_LABELS[node]}</th>
                {MODES.map((m) => {
                  const timeline = runs[m]?.timeline;
                  if (!timeline) return <td key={m}>computing…</td>;
                  const held = timeline.keyPlacement[node] ?? [];
                  const sessions = timeline.sessions.filter((s) => s.node === node && s.established).length;
                  return (
                    <td key={m} className={m === mode ? 'current-col' : undefined}>
                      {held.length === 0 ? <span>no private key</span> : held.map((h) => (
                        <span key={`${h.key}-${h.certificate}`} className="held-key">
                          <Icon name="key" size={13} /> key {h.key}, certificate {h.certificate}: {keyRoleText(h.role, timeline.names.site)}
                        </span>
                      ))}
                      <span className="sessions">{sessions > 0 ? `${sessions} TLS session end${sessions > 1 ? 's' : ''} (knows those session keys)` : 'no TLS session of its own'}</span>
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
