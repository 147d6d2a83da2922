import { useId, useState } from 'react';
import { grade, type Grade, type Question, type QuestionAnswer } from '../../sim/index';
import type { LessonContent } from '../../state/lessonContent';
import { useSim } from '../SimContext';
import { RichText } from './RichText';

interface QuestionFormProps {
  readonly question: Question;
  /** The run's answer; null while the beat's runs are still being computed. */
  readonly answer: QuestionAnswer | null;
  readonly content: LessonContent;
}

/**
 * A question as a fieldset: its prompt is the legend, its choices (from the run) are checkboxes or radio buttons,
 * "Check" compares them with the run's answer. Feedback goes to a status region; checking again is always
 * allowed (nothing is scored). A predicted answer then moves the lab to the step that proves it.
 */
export function QuestionForm({ question, answer, content }: QuestionFormProps) {
  const name = useId();
  const [picked, setPicked] = useState<string[]>([]);
  const [result, setResult] = useState<Grade | null>(null);
  const recordAnswer = useSim((s) => s.recordAnswer);
  const showProof = useShowProof();
  const toggle = (id: string, on: boolean): void => {
    setResult(null);
    setPicked((now) => (answer?.multiple ? (on ? [...now, id] : now.filter((p) => p !== id)) : [id]));
  };
  const check = (): void => {
    if (!answer) return;
    const graded = grade(answer, picked);
    setResult(graded);
    recordAnswer(question.id, graded.correct, picked);
    if (question.predict) showProof(answer);
  };
  const feedback = result && answer ? content.feedbackText(answer, result) : null;
  return (
    <form className="lesson-question" onSubmit={(e) => { e.preventDefault(); check(); }}>
      <fieldset>
        <legend>{question.prompt}</legend>
        {!answer ? (
          <p className="lesson-waiting">The lab is running this beat; the choices come from its run.</p>
        ) : (
          <ul className="lesson-choices">
            {answer.choices.map((choice) => (
              <li key={choice.id}>
                <label>
                  <input type={answer.multiple ? 'checkbox' : 'radio'} name={name} value={choice.id} checked={picked.includes(choice.id)}
                    onChange={(e) => toggle(choice.id, e.currentTarget.checked)} />
                  {' '}{content.choiceText(choice.fact)}
                </label>
              </li>
            ))}
          </ul>
        )}
        <button type="submit" disabled={!answer}>Check</button>
      </fieldset>
      <div role="status" className={`lesson-feedback${result ? (result.correct ? ' correct' : ' wrong') : ''}`}>
        {feedback && (
          <>
            <p><strong>{feedback.headline}</strong> {feedback.lines.join(' ')}</p>
            <p><RichText text={question.explain} content={content} /></p>
          </>
        )}
      </div>
      {feedback && answer && (answer.proof.step !== null || answer.proof.panel) && (
        <button type="button" className="lesson-proof" onClick={() => showProof(answer)}>Show me in the run</button>
      )}
    </form>
  );
}

const PANEL_HEADINGS: Readonly<Record<string, string>> = {
  'key-placement': 'keys-heading',
  'compare-modes': 'compare-heading',
  'summary': 'summary-heading',
};

/** Moves the lab to the proof: the step (inspected through the proof's eyes), or the panel that shows it. */
function useShowProof(): (answer: QuestionAnswer) => void {
  const seek = useSim((s) => s.seek);
  const inspect = useSim((s) => s.inspect);
  const setViewAs = useSim((s) => s.setViewAs);
  return (answer) => {
    const { step, viewAs, panel } = answer.proof;
    if (step !== null) {
      seek(step);
      inspect(step);
      if (viewAs) setViewAs(viewAs);
    }
    if (panel) document.getElementById(PANEL_HEADINGS[panel] ?? '')?.scrollIntoView({ block: 'start' });
  };
}
