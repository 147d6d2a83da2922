import { MODE_LABELS, MOMENT_LABELS } from '../../sim/index';
import { momentAt } from '../../state/derive/moments';
import { isPacket } from '../../state/derive/events';
import { eventWords } from '../../state/content';
import { selectCurrentEvent, selectCursor, selectDetail, selectMode, selectMoments, selectRunProtocol, selectScenario } from '../../state/selectors';
import { useContent } from '../useContent';
import { useSim } from '../SimContext';
import { useDeferredSim } from '../useDeferredSim';
import { GlossaryLinks } from './GlossaryLinks';
import { KeySchedule } from './KeySchedule';

/**
 * The current step in plain language, and why it matters in this mode (the engine's content module), in a polite
 * live region so screen readers hear each step; links lead to the glossary. In the beginner's view the current key
 * moment's sentence comes first, then the exact step's narration.
 */
export function NarrationPanel() {
  const event = useDeferredSim(selectCurrentEvent);
  const mode = useDeferredSim(selectMode);
  const protocol = useDeferredSim(selectRunProtocol);
  // Inside a guided lesson the beat says what to look at; the scenario's one-line lesson would repeat it.
  const inLesson = useSim((s) => s.lesson !== null);
  const scenario = useSim(selectScenario);
  const lesson = inLesson ? undefined : scenario?.lesson;
  const moments = useDeferredSim(selectMoments);
  const cursor = useDeferredSim(selectCursor);
  const byMoment = useSim(selectDetail) === 'moments';
  const content = useContent(event !== undefined);
  const moment = byMoment ? moments[momentAt(moments, cursor)] : undefined;
  const momentWords = moment && content ? content.momentText(moment, mode, protocol) : null;
  const narration = event && content ? content.narrate(event, mode, protocol) : null;
  const fallback = event ? (isPacket(event) ? `${event.from} → ${event.to}: ${event.label}` : eventWords(event, mode, content)) : '';
  return (
    <section className="narration panel" aria-labelledby="narration-heading">
      <h2 id="narration-heading">What is happening</h2>
      {lesson && <p className="scenario-lesson"><strong>{scenario?.fromFile ? 'Lesson (from the scenario file):' : 'Lesson:'}</strong> {lesson}</p>}
      <div aria-live="polite" aria-atomic="true" className="narration-live">
        {!event ? (
          <p>Waiting for the engine to finish the run.</p>
        ) : narration ? (
          <>
            {moment && (
              <div className="narration-moment-block">
                <p className="narration-moment"><strong>{momentWords?.title ?? MOMENT_LABELS[moment.kind]}:</strong> {momentWords?.sentence}</p>
                {momentWords && content && <GlossaryLinks ids={momentWords.glossary} content={content} className="narration-terms" />}
              </div>
            )}
            <p className="narration-headline">{narration.headline}</p>
            <p className="narration-detail">{narration.detail}</p>
          </>
        ) : (
          <>
            {moment && <p className="narration-moment"><strong>{MOMENT_LABELS[moment.kind]}</strong></p>}
            <p className="narration-headline">{fallback}</p>
          </>
        )}
      </div>
      {event && <KeySchedule event={event} />}
      {narration?.modeNote && (
        <p className="narration-mode"><strong>In {MODE_LABELS[mode]}:</strong> {narration.modeNote}</p>
      )}
      {narration && content && <GlossaryLinks ids={narration.glossary} content={content} className="narration-terms" />}
    </section>
  );
}
