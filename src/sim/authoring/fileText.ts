/**
 * A file as a trainer hands it over (a picked or dropped file, the text of a link): size first, then JSON, then the
 * reader its `format` names. The size is checked before JSON.parse so a huge file costs nothing to refuse.
 */
import type { Lesson } from '../lessons/types';
import type { Scenario } from '../scenarios/types';
import { parseLessonFile } from './lessonFile';
import { FILE_LIMITS } from './limits';
import { quoted } from './reader';
import { parseScenarioFile } from './scenarioFile';
import { LESSON_FORMAT, SCENARIO_FORMAT, type FileProblem, type FileResult } from './types';

export type LoadedFile =
  | { readonly kind: 'scenario'; readonly scenario: Scenario }
  | { readonly kind: 'lesson'; readonly lesson: Lesson; readonly scenarios: readonly Scenario[] };

const failed = (problem: FileProblem): FileResult<never> => ({ ok: false, problems: [problem] });

/** UTF-8 bytes of a string without encoding it (a trainer's file is mostly ASCII, so this is exact and cheap). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return bytes;
}

/** Reads a parsed JSON value by its `format`: a scenario file or a lesson file. */
export function parseFileValue(value: unknown, builtInLessonIds: readonly string[]): FileResult<LoadedFile> {
  const format = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { format?: unknown }).format : undefined;
  if (format === SCENARIO_FORMAT) {
    const read = parseScenarioFile(value);
    return read.ok ? { ok: true, value: { kind: 'scenario', scenario: read.value } } : read;
  }
  if (format === LESSON_FORMAT) {
    const read = parseLessonFile(value, builtInLessonIds);
    return read.ok ? { ok: true, value: { kind: 'lesson', ...read.value } } : read;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return failed({ path: '', code: 'not-json', expected: 'object' });
  const shown = format === undefined ? {} : { value: quoted(format) };
  return failed({ path: 'format', code: 'format', expected: `${SCENARIO_FORMAT}, ${LESSON_FORMAT}`, ...shown });
}

export function parseFileText(text: string, builtInLessonIds: readonly string[]): FileResult<LoadedFile> {
  if (text.length > FILE_LIMITS.fileBytes || utf8Length(text) > FILE_LIMITS.fileBytes) return failed({ path: '', code: 'file-too-large', limit: FILE_LIMITS.fileBytes });
  let value: unknown;
  try {
    // A byte-order mark from a Windows editor is not part of the JSON.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return failed({ path: '', code: 'not-json' });
  }
  return parseFileValue(value, builtInLessonIds);
}
