/**
 * The CLI's side of the trainer's files (docs/scenario-format.md): read a file from disk and check it with the
 * engine's one validator (src/sim/authoring), its problems worded by content/fileProblems.ts. A file larger than
 * the limit is refused from its size alone, before it is read.
 */
import { readFileSync, statSync } from 'node:fs';
import { FILE_LIMITS, parseFileText, problemText, type FileProblem, type LoadedFile } from '../src/sim/engine';
import { LESSONS } from '../src/sim/content/lessons/index';

export type FileCheck = { readonly ok: true; readonly file: LoadedFile } | { readonly ok: false; readonly problems: readonly FileProblem[] } | { readonly ok: false; readonly unreadable: string };

export function checkTrainerFile(path: string): FileCheck {
  let text: string;
  try {
    if (statSync(path).size > FILE_LIMITS.fileBytes) return { ok: false, problems: [{ path: '', code: 'file-too-large', limit: FILE_LIMITS.fileBytes }] };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, unreadable: `cannot read ${path}: ${(error as Error).message}` };
  }
  const read = parseFileText(text, LESSONS.map((l) => l.id));
  return read.ok ? { ok: true, file: read.value } : { ok: false, problems: read.problems };
}

/** The lines a trainer reads for a bad file: one per problem, or why the file could not be read. */
export function problemLines(check: Extract<FileCheck, { ok: false }>): string[] {
  return 'unreadable' in check ? [check.unreadable] : check.problems.map(problemText);
}

/** "valid scenario file: acme-login" / "valid lesson file: acme-onboarding". */
export function validLine(file: LoadedFile): string {
  return file.kind === 'scenario' ? `valid scenario file: ${file.scenario.id}` : `valid lesson file: ${file.lesson.id}`;
}
