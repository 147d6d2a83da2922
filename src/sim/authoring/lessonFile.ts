/**
 * A lesson file (LESSON_FORMAT) becomes a Lesson plus the scenarios it brings along. Its beats may use any of the
 * lab's scenarios or the file's own; ids of beats, questions and scenarios must be unique, and the lesson's id must
 * not be one of the lab's lessons (the caller passes their ids: the lesson catalog is content, above this layer).
 */
import type { Beat, Lesson } from '../lessons/types';
import { SCENARIOS } from '../scenarios/catalog';
import type { Scenario } from '../scenarios/types';
import { readBeat } from './beatEntry';
import { FILE_LIMITS } from './limits';
import { Problems, fieldPath, itemPath, readList, readObject, readString } from './reader';
import { readFormat, readOwnId, readScenario } from './scenarioFile';
import { LESSON_FORMAT, type FileResult } from './types';

const LESSON_KEYS = ['$schema', 'format', 'id', 'title', 'summary', 'scenarios', 'beats'] as const;

/** Reports the second and later uses of one id among `items` (each with the path of its id). */
function reportDuplicates(problems: Problems, items: ReadonlyArray<{ readonly id: string; readonly path: string }>): void {
  const seen = new Set<string>();
  for (const { id, path } of items) {
    if (seen.has(id)) problems.add({ path, code: 'duplicate', value: id });
    seen.add(id);
  }
}

function readLesson(problems: Problems, value: unknown, builtInLessonIds: readonly string[]): { lesson: Lesson; scenarios: Scenario[] } | undefined {
  const fields = readObject(problems, '', value, LESSON_KEYS);
  if (!fields) return undefined;
  readString(problems, '$schema', fields.$schema, { max: FILE_LIMITS.path });
  readFormat(problems, '', fields.format, LESSON_FORMAT, true);
  const id = readOwnId(problems, 'id', fields.id, (candidate) => builtInLessonIds.includes(candidate));
  const title = readString(problems, 'title', fields.title, { required: true, min: 1, max: FILE_LIMITS.title, plain: true });
  const summary = readString(problems, 'summary', fields.summary, { required: true, min: 1, max: FILE_LIMITS.summary, plain: true });

  const scenarios: Scenario[] = [];
  const scenarioIds: Array<{ id: string; path: string }> = [];
  readList(problems, 'scenarios', fields.scenarios, 0, FILE_LIMITS.lessonScenarios)?.forEach((entry, i) => {
    const path = itemPath('scenarios', i);
    const scenario = readScenario(problems, path, entry, { formatRequired: false });
    if (scenario) {
      scenarios.push(scenario);
      scenarioIds.push({ id: scenario.id, path: fieldPath(path, 'id') });
    }
  });
  reportDuplicates(problems, scenarioIds);

  // A beat naming a scenario whose entry has mistakes is only reported there, not again as a missing scenario.
  const rawIds = (Array.isArray(fields.scenarios) ? fields.scenarios : []).map((s: unknown) => (typeof s === 'object' && s !== null ? (s as { id?: unknown }).id : undefined));
  const context = { lessonId: id ?? 'lesson', scenarioIds: [...SCENARIOS.map((s) => s.id), ...rawIds.filter((x): x is string => typeof x === 'string')] };
  const beats: Beat[] = [];
  const beatIds: Array<{ id: string; path: string }> = [];
  const questionIds: Array<{ id: string; path: string }> = [];
  readList(problems, 'beats', fields.beats, 1, FILE_LIMITS.beats, true)?.forEach((entry, i) => {
    const path = itemPath('beats', i);
    const beat = readBeat(problems, path, entry, context);
    if (!beat) return;
    beats.push(beat);
    beatIds.push({ id: beat.id, path: fieldPath(path, 'id') });
    if (beat.question) questionIds.push({ id: beat.question.id, path: fieldPath(fieldPath(path, 'question'), 'id') });
  });
  reportDuplicates(problems, beatIds);
  reportDuplicates(problems, questionIds);
  if (problems.count > 0 || !id || title === undefined || summary === undefined) return undefined;
  return { lesson: { id, title, summary, beats }, scenarios };
}

/** A lesson file's parsed JSON -> the Lesson and its own scenarios, or every problem found (path + code). */
export function parseLessonFile(input: unknown, builtInLessonIds: readonly string[]): FileResult<{ lesson: Lesson; scenarios: readonly Scenario[] }> {
  const problems = new Problems();
  const read = readLesson(problems, input, builtInLessonIds);
  return read && problems.count === 0 ? { ok: true, value: read } : { ok: false, problems: problems.list };
}
