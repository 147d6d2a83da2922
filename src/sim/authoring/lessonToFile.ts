/**
 * A Lesson written back as a lesson file, with the scenarios of its own it uses: the inverse of parseLessonFile
 * (tests: every built-in lesson survives lessonToFile -> parseLessonFile with equal beats, which also proves the
 * format can say everything the lab's own lessons say). A built-in lesson is saved as `my-<id>`.
 */
import type { Beat, Lesson, StepTarget } from '../lessons/types';
import type { Scenario } from '../scenarios/types';
import { FILE_LIMITS } from './limits';
import { asPlainText, scenarioToFile } from './toFile';
import { LESSON_FORMAT, type LessonFile, type StepEntry } from './types';

function stepEntry(step: StepTarget): StepEntry {
  if (step.at !== 'event') return step.at;
  const { type, ...pattern } = step.match;
  return { event: type, ...pattern, ...(step.nth !== undefined ? { nth: step.nth } : {}) };
}

function beatEntry(beat: Beat): Record<string, unknown> {
  const { setup, question } = beat;
  return {
    id: beat.id,
    title: asPlainText(beat.title, FILE_LIMITS.title),
    scenario: setup.scenarioId,
    mode: setup.mode,
    ...(setup.options && Object.keys(setup.options).length ? { options: setup.options } : {}),
    ...(setup.step ? { step: stepEntry(setup.step) } : {}),
    text: asPlainText(beat.text, FILE_LIMITS.beatText),
    ...(question ? {
      question: {
        // The spec is flat in the file: its kind and the one field that kind needs.
        id: question.id, ...question.spec, prompt: asPlainText(question.prompt, FILE_LIMITS.prompt),
        ...(question.predict ? { predict: true } : {}), explain: asPlainText(question.explain, FILE_LIMITS.explain),
      },
    } : {}),
  };
}

/**
 * `own`: the lesson's scenarios that are not built in (a lesson loaded from a file brings them); they are written
 * with their ids unchanged, since the beats name them.
 */
export function lessonToFile(lesson: Lesson, own: readonly Scenario[], builtInLessonIds: readonly string[]): LessonFile {
  const used = new Set(lesson.beats.map((b) => b.setup.scenarioId));
  const scenarios = own.filter((s) => used.has(s.id)).map((s) => {
    const { format: _format, ...entry } = scenarioToFile(s);
    return entry;
  });
  return {
    format: LESSON_FORMAT,
    id: builtInLessonIds.includes(lesson.id) ? `my-${lesson.id}`.slice(0, FILE_LIMITS.id).replace(/-+$/, '') : lesson.id,
    title: asPlainText(lesson.title, FILE_LIMITS.title),
    summary: asPlainText(lesson.summary, FILE_LIMITS.summary),
    ...(scenarios.length ? { scenarios } : {}),
    beats: lesson.beats.map(beatEntry),
  };
}
