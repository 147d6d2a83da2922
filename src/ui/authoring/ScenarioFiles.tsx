import { useEffect, useRef, useState, type ReactNode } from 'react';
import { LINK_LIMIT, encodeFileForLink, linkTooLong } from '../../sim/index';
import { saveFile } from '../exports/saveFile';
import { useSimStore } from '../SimContext';
import { currentScenarioFile } from './currentFile';
import { openFile } from './openFile';

export interface ScenarioFilesProps {
  /** The address that opens a scenario file carried in the link (`#scenario=<value>`); the app knows the page's URL. */
  readonly scenarioLink: (value: string) => string;
  /** More buttons of the same family (the editor's "Write your own scenario…"). */
  readonly children?: ReactNode;
}

type Said = { readonly text: string; readonly fallback?: string };

async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The trainer's files beside the scenario picker: open a scenario or lesson file (a button driving a hidden file
 * input; dropping a file on the simulator does the same), save the scenario on screen with the learner's changes as
 * a file, and copy a link that carries it. What happened is announced politely; a file's problems go to the
 * notices area (FileNotice).
 */
export function ScenarioFiles({ scenarioLink, children }: ScenarioFilesProps) {
  const store = useSimStore();
  const input = useRef<HTMLInputElement>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const [said, setSaid] = useState<Said | null>(null);
  useEffect(() => {
    if (said?.fallback && box.current) {
      box.current.focus();
      box.current.select();
    }
  }, [said]);

  const onPicked = (files: FileList | null): void => {
    const file = files?.[0];
    // Picking the same file again (after fixing it) must fire change again.
    if (input.current) input.current.value = '';
    setSaid(null);
    if (file) void openFile(store, file);
  };
  const save = (): void => {
    const file = currentScenarioFile(store.getState());
    if (!file) return;
    saveFile(`${file.id}.json`, `${JSON.stringify(file, null, 2)}\n`, 'application/json');
    setSaid({ text: `Saved ${file.id}.json.` });
  };
  const copyLink = async (): Promise<void> => {
    const file = currentScenarioFile(store.getState());
    if (!file) return;
    const tooLong = linkTooLong(file);
    if (tooLong) {
      setSaid({ text: `This scenario is too long for a link (${tooLong.value ?? 'too many'} characters, the limit is ${LINK_LIMIT}): save it as a file instead.` });
      return;
    }
    const link = scenarioLink(encodeFileForLink(file));
    setSaid((await writeClipboard(link)) ? { text: 'Copied the link to this scenario.' } : { text: 'Select and copy the link below (Ctrl+C).', fallback: link });
  };

  return (
    <div className="scenario-files" role="group" aria-label="Scenario files">
      <button type="button" onClick={() => input.current?.click()}>Open scenario or lesson file…</button>
      <input ref={input} type="file" accept=".json,application/json" hidden aria-label="Scenario or lesson file" data-testid="scenario-file-input"
        onChange={(e) => onPicked(e.currentTarget.files)} />
      <button type="button" onClick={save}>Save as scenario file</button>
      <button type="button" onClick={() => void copyLink()}>Copy link to this scenario</button>
      {children}
      <span className="scenario-files-status" role="status" aria-live="polite">{said?.text ?? ''}</span>
      {said?.fallback && (
        <label className="share-fallback">
          <span>Link to this scenario</span>
          <textarea ref={box} readOnly value={said.fallback} rows={2} onFocus={(e) => e.currentTarget.select()} />
        </label>
      )}
    </div>
  );
}
