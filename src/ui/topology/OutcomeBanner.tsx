import { OUTCOME_IS_PROBLEM, type RunOutcome } from '../../sim/index';
import type { Content } from '../../state/content';

/**
 * How the run ended, in words, once the playhead reaches the step that decides it (a lost cart, an attack
 * blocked or let through, a wrong client address, a client that gave up). A polite live region that is always in
 * the page, so a screen reader hears the outcome when it appears. Words come with the lazily loaded content:
 * until then, nothing is shown.
 */
export function OutcomeBanner({ outcomes, content }: { outcomes: readonly RunOutcome[]; content: Content | null }) {
  return (
    <div className="outcomes" role="status" aria-label="How the run ended">
      {content && outcomes.map((o) => {
        const problem = OUTCOME_IS_PROBLEM[o.code];
        const words = content.outcomeText(o);
        return (
          <p key={`${o.code}-${o.step}`} className={`outcome outcome-${problem ? 'problem' : 'fine'}`} data-outcome={o.code}>
            <span className="outcome-mark" aria-hidden="true">{problem ? '\u2717' : '\u2713'}</span>
            <strong>{words.title}.</strong> {words.text}
          </p>
        );
      })}
    </div>
  );
}
