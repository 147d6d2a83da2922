/**
 * A trainer's file, however it arrives (picked, dropped, a link, the parent page), goes through here: the engine's
 * one validator reads it (parseFileText / parseFileValue), a good file goes into this simulator's library and on
 * screen, and either way the notices area says what happened, a bad file as the validator's own lines. Nothing of a
 * file is ever run as code or rendered as HTML; the simulator keeps what it had when a file is refused.
 */
import { LESSON_FORMAT, SCENARIO_FORMAT, parseFileText, parseFileValue, problemText, type FileProblem, type FileResult, type Lesson, type LoadedFile } from '../sim/index';
import { loadLessonContent } from './lessonContent';
import type { SimStore } from './store';

export type FileKind = LoadedFile['kind'];

/** What became of a file: the id now on screen, or the problems in words (the postMessage bridge replies with them). */
export type FileOutcome =
  | { readonly ok: true; readonly kind: FileKind; readonly id: string }
  | { readonly ok: false; readonly problems: readonly string[] };

/** A loaded lesson's file as it came (its JSON value) and the scenarios it brought along. */
export interface LessonSource {
  readonly file: unknown;
  readonly scenarioIds: readonly string[];
}

/**
 * The file each loaded lesson came from, so the address bar and "Copy link" can carry it again (`#lesson=`): the
 * engine reads a lesson file into a Lesson, but does not write one back. Keyed by the Lesson object, so two
 * simulators on one page never see each other's.
 */
const lessonSources = new WeakMap<Lesson, LessonSource>();
export const lessonSourceOf = (lesson: Lesson): LessonSource | undefined => lessonSources.get(lesson);

/** A file's lesson may not take a lab lesson's id; those ids come with the lessons' content chunk. */
async function builtInLessonIds(): Promise<readonly string[]> {
  return (await loadLessonContent()).LESSONS.map((lesson) => lesson.id);
}

/** A scenario where a lesson was asked for (or the other way round): the `format` field names the one expected. */
function wrongKind(expected: FileKind, got: FileKind): FileProblem {
  return { path: 'format', code: 'format', expected: expected === 'scenario' ? SCENARIO_FORMAT : LESSON_FORMAT, value: got === 'scenario' ? SCENARIO_FORMAT : LESSON_FORMAT };
}

/** Shows the problems of a refused file in the notices area and returns them in words. */
export function refuseFile(store: SimStore, source: string, problems: readonly FileProblem[]): FileOutcome {
  const lines = problems.map(problemText);
  store.getState().showFileNotice({ kind: 'rejected', source, problems: lines });
  return { ok: false, problems: lines };
}

/** Puts a checked file into the library and on screen (a scenario selected, a lesson opened at its first beat). */
export function admitFile(store: SimStore, source: string, loaded: LoadedFile, file: unknown): FileOutcome {
  const s = store.getState();
  if (loaded.kind === 'scenario') s.loadScenario(loaded.scenario);
  else {
    lessonSources.set(loaded.lesson, { file, scenarioIds: loaded.scenarios.map((x) => x.id) });
    s.loadLesson(loaded.lesson, loaded.scenarios);
  }
  const { id, title } = loaded.kind === 'scenario' ? loaded.scenario : loaded.lesson;
  store.getState().showFileNotice({ kind: 'loaded', what: loaded.kind, title, source });
  return { ok: true, kind: loaded.kind, id };
}

function settle(store: SimStore, source: string, read: FileResult<LoadedFile>, expected: FileKind | undefined, file: () => unknown): FileOutcome {
  if (!read.ok) return refuseFile(store, source, read.problems);
  if (expected && read.value.kind !== expected) return refuseFile(store, source, [wrongKind(expected, read.value.kind)]);
  return admitFile(store, source, read.value, read.value.kind === 'lesson' ? file() : undefined);
}

/**
 * Reads a file's text (size first, then JSON, then its format's reader) and loads it. `expected`: the kind the
 * caller asked for (postMessage loadScenario / loadLesson); absent = whichever the file's `format` says.
 */
export async function loadFileText(store: SimStore, text: string, source: string, expected?: FileKind): Promise<FileOutcome> {
  // The text was valid JSON if it was read at all: parsed once more only for a lesson, to remember its file.
  return settle(store, source, parseFileText(text, await builtInLessonIds()), expected, () => JSON.parse(text.replace(/^\uFEFF/, '')) as unknown);
}

/** The same for a value that is JSON already (a decoded link, an object posted by the parent page). */
export async function loadFileValue(store: SimStore, value: unknown, source: string, expected?: FileKind): Promise<FileOutcome> {
  return settle(store, source, parseFileValue(value, await builtInLessonIds()), expected, () => value);
}
