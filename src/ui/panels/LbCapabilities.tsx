import { CAPABILITY_LABELS, MODE_LABELS, verdictText } from '../../sim/index';
import { capabilities, type CapabilityStatus } from '../../state/derive/capabilities';
import { selectCurrentRun, selectMode } from '../../state/selectors';
import { Icon, type IconName } from '../Icon';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';
import { useContent } from '../useContent';

const STATUS_WORDS: Record<CapabilityStatus, string> = { yes: 'Yes', no: 'No', off: 'Off', unused: 'Not used' };
const STATUS_ICONS: Record<CapabilityStatus, IconName> = { yes: 'shield', no: 'lock', off: 'none', unused: 'none' };

/** What the load balancer could and could not do in this run, each with the reason the run gives. */
export function LbCapabilities() {
  const run = useDeferredSim(selectCurrentRun);
  const mode = useDeferredSim(selectMode);
  const seek = useSim((s) => s.seek);
  const content = useContent();
  if (!run) return null;
  const list = capabilities(run.timeline.events, run.timeline.options);
  return (
    <section className="capabilities panel" aria-labelledby="caps-heading">
      <h2 id="caps-heading">What the load balancer can do</h2>
      <p className="panel-note">In {MODE_LABELS[mode]}, from this run's own events (the WAF's verdicts, the routing decisions, what the backend believed).</p>
      <ul className="capability-list">
        {list.map((cap) => (
          <li key={cap.id} className={`capability cap-${cap.status}`}>
            <span className="cap-label">{CAPABILITY_LABELS[cap.id]}</span>
            <span className="cap-status"><Icon name={STATUS_ICONS[cap.status]} size={13} /> {STATUS_WORDS[cap.status]}: {verdictText(cap.verdict)}</span>
            <span className="cap-reason">{content ? content.capabilityReason(cap.evidence, run.timeline.events, mode) : '…'}</span>
            {cap.step !== undefined && (
              <button type="button" className="link-button" onClick={() => seek(cap.step!)}>Go to step {cap.step + 1}<span className="sr-only"> ({CAPABILITY_LABELS[cap.id]})</span></button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
