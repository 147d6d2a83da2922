import { CAPABILITY_LABELS, MODE_LABELS, verdictText } from '../../sim/index';
import { capabilities, capabilityChanges } from '../../state/derive/capabilities';
import { selectMode, selectPreviousMode, selectRuns } from '../../state/selectors';
import { useSim } from '../SimContext';

/** After a mode switch: what the load balancer gained or lost, compared from the two runs. */
export function ModeChanges() {
  const mode = useSim(selectMode);
  const previous = useSim(selectPreviousMode);
  const runs = useSim(selectRuns);
  const before = previous ? runs[previous]?.timeline : undefined;
  const after = runs[mode]?.timeline;
  const changes = before && after ? capabilityChanges(capabilities(before.events, before.options), capabilities(after.events, after.options)) : [];
  return (
    <div className="mode-changes" role="status" aria-live="polite">
      {previous && changes.length > 0 && (
        <>
          <p className="mode-changes-title">What changed from {MODE_LABELS[previous]} to {MODE_LABELS[mode]}:</p>
          <ul>
            {changes.map((c) => (
              <li key={c.id}><strong>{CAPABILITY_LABELS[c.id]}:</strong> {verdictText(c.before)} → <span className="changed-to">{verdictText(c.after)}</span></li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
