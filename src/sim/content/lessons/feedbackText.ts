/** The feedback after "Check": what was right, what was not, the run's answer, and why (the beat's explanation). */
import type { Grade, QuestionAnswer } from '../../lessons/answers';
import { MODE_LABELS } from '../../scenarios/types';
import { choiceText, REQUIREMENT_BROKEN_TEXT } from './choiceText';

export interface Feedback {
  /** Starts with "Correct." or "Not quite." (the tests and screen readers rely on it). */
  readonly headline: string;
  readonly lines: readonly string[];
}

const list = (items: readonly string[]): string => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

export function feedbackText(answer: QuestionAnswer, result: Grade): Feedback {
  const label = (id: string): string => {
    const choice = answer.choices.find((c) => c.id === id);
    return choice ? choiceText(choice.fact) : id;
  };
  const lines: string[] = [];
  if (result.correct) {
    lines.push(`The run agrees: ${list(result.right.map(label))}.`);
  } else {
    if (result.right.length > 0) lines.push(`Right: ${list(result.right.map(label))}.`);
    if (result.wrong.length > 0) lines.push(`Not so in this run: ${list(result.wrong.map(label))}.`);
    if (result.missed.length > 0) lines.push(`${answer.multiple ? 'Also true' : 'The run says'}: ${list(result.missed.map(label))}.`);
    if (result.right.length + result.wrong.length === 0) lines.push('Nothing was picked.');
  }
  for (const m of answer.measures ?? []) {
    lines.push(m.broken.length === 0
      ? `${MODE_LABELS[m.mode]} meets every requirement.`
      : `${MODE_LABELS[m.mode]}: ${list(m.broken.map((r) => REQUIREMENT_BROKEN_TEXT[r]))}.`);
  }
  return { headline: result.correct ? 'Correct.' : 'Not quite.', lines };
}
