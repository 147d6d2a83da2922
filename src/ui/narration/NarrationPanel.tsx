import { findScenario, MODE_LABELS } from '../../sim/index';
import { isPacket } from '../../state/derive/events';
import { eventWords } from '../../state/content';
import { selectCurrentEvent, selectMode, selectRunProtocol, selectScenarioId } from '../../state/selectors';
import { useContent } from '../useContent';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';
import { glossaryAnchor } from './anchors';
import { KeySchedule } from './KeySchedule';

/**
 * The current step in plain language, and why it matters in this mode (the engine's content module), in a polite
 * live region so screen readers hear each step; links lead to the glossary.
 */
export function NarrationPanel() {
  const event = useDeferredSim(selectCurrentEvent);
  const mode = useDeferredSim(selectMode);
  const protocol = useDeferredSim(selectRunProtocol);
  const lesson = findScenario(useSim(selectScenarioId))?.lesson;
  const content = useContent(event !== undefined);
  const narration = event && content ? content.narrate(event, mode, protocol) : null;
  const fallback = event ? (isPacket(event) ? `${event.from} → ${event.to}: ${event.label}` : eventWords(event, mode, content)) : '';
  return (
    <section className="narration panel" aria-labelledby="narration-heading">
      <h2 id="narration-heading">What is happening</h2>
      {lesson && <p className="scenario-lesson"><strong>Lesson:</strong> {lesson}</p>}
      <div aria-live="polite" aria-atomic="true" className="narration-live">
        {!event ? (
          <p>Waiting for the engine to finish the run.</p>
        ) : narration ? (
          <>
            <p className="narration-headline">{narration.headline}</p>
            <p className="narration-detail">{narration.detail}</p>
          </>
        ) : (
          <p className="narration-headline">{fallback}</p>
        )}
      </div>
      {event && <KeySchedule event={event} />}
      {narration?.modeNote && (
        <p className="narration-mode"><strong>In {MODE_LABELS[mode]}:</strong> {narration.modeNote}</p>
      )}
      {narration && narration.glossary.length > 0 && content && (
        <p className="narration-terms">
          <span>Terms: </span>
          {narration.glossary.map((id, i) => (
            <span key={id}>
              {i > 0 && ', '}
              <a href={`#${glossaryAnchor(id)}`}>{content.GLOSSARY[id]?.term ?? id}</a>
            </span>
          ))}
        </p>
      )}
    </section>
  );
}
