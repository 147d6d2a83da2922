import { FILE_LIMITS } from '../../sim/index';
import { loadFileText, refuseFile, type FileOutcome } from '../../state/trainerFiles';
import type { SimStore } from '../../state/store';

/** A file's name for a notice: printable, and short (it is the learner's own file, but names can be anything). */
function fileSource(file: File): string {
  const name = file.name.replace(/[^\x20-\x7e]/g, '?');
  return `the file “${name.length > 60 ? `${name.slice(0, 59)}…` : name}”`;
}

/**
 * Opens a picked or dropped file: a .json file of at most FILE_LIMITS.fileBytes is read as text and loaded; the
 * size is checked before reading, so a huge file costs nothing to refuse.
 */
export async function openFile(store: SimStore, file: File): Promise<FileOutcome> {
  const source = fileSource(file);
  if (file.size > FILE_LIMITS.fileBytes) return refuseFile(store, source, [{ path: '', code: 'file-too-large', limit: FILE_LIMITS.fileBytes }]);
  if (!/\.json$/i.test(file.name) && file.type !== 'application/json') return refuseFile(store, source, [{ path: '', code: 'not-json' }]);
  let text: string;
  try {
    text = await file.text();
  } catch {
    return refuseFile(store, source, [{ path: '', code: 'not-json' }]);
  }
  return loadFileText(store, text, source);
}
