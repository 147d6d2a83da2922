/**
 * The scenario editor (issue 14): a form for a trainer's own scenario (names, clients, requests, options,
 * faults) that needs no knowledge of the file format. Every change rebuilds the scenario file from the form and
 * runs the format's one validator (parseScenarioFile) on it; its problems are listed in words and marked on their
 * fields. "Preview: run it" hands the checked Scenario to the lab, which runs it in all three modes.
 *
 * The component is the dialog's content: ScenarioFiles.tsx renders the <dialog> around it.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type JSX } from 'react';
import { parseScenarioFile, SCENARIOS, FILE_LIMITS, type FileProblem, type Scenario, type ScenarioFile } from '../../sim/index';
import { AboutFieldset } from './editor/AboutFieldset';
import { ClientsFieldset } from './editor/ClientsFieldset';
import { FaultsFieldset } from './editor/FaultsFieldset';
import { fieldId, messagesByField } from './editor/fieldIds';
import { FieldMessages } from './editor/fields';
import { FileView } from './editor/FileView';
import { fileFromForm, formFromFile, type EditorForm } from './editor/formModel';
import { NamesFieldset } from './editor/NamesFieldset';
import { OptionsFieldset } from './editor/OptionsFieldset';
import { ProblemList } from './editor/ProblemList';
import { RequestsFieldset } from './editor/RequestsFieldset';
import type { FocusLater, UpdateForm } from './editor/types';
import { useDebounced } from './editor/useDebounced';

export interface ScenarioEditorProps {
  /** The scenario to start from (the one on screen, as a file). */
  readonly initial: ScenarioFile;
  /** Called with the checked scenario when the trainer presses "Preview: run it". */
  readonly onPreview: (scenario: Scenario) => void;
  readonly onClose: () => void;
}

/** The id of the editor's heading (for the dialog's aria-labelledby). */
export const SCENARIO_EDITOR_TITLE_ID = 'scenario-editor-title';

/** How long the problem list waits after the last edit before it changes (a screen reader hears results, not keystrokes). */
export const PROBLEMS_DELAY_MS = 300;

/**
 * The form for `initial`. A file may not reuse a built-in scenario's id, so a built-in scenario handed over as it
 * is starts as `my-<id>` (the name "Save as scenario file" gives it too) rather than with a problem the trainer
 * did not make.
 */
export function startingForm(initial: ScenarioFile): EditorForm {
  const form = formFromFile(initial);
  if (!SCENARIOS.some((s) => s.id === form.id)) return form;
  return { ...form, id: `my-${form.id}`.slice(0, FILE_LIMITS.id).replace(/-+$/, '') };
}

export function ScenarioEditor({ initial, onPreview, onClose }: ScenarioEditorProps): JSX.Element {
  const [form, setForm] = useState(() => startingForm(initial));
  const [previewed, setPreviewed] = useState<string | null>(null);
  const update: UpdateForm = useCallback((edit) => {
    setForm(edit);
    setPreviewed(null);
  }, []);
  const built = useMemo(() => fileFromForm(form), [form]);
  const result = useMemo(() => parseScenarioFile(built.file), [built]);
  const problems: readonly FileProblem[] = useMemo(
    () => [...(result.ok ? [] : result.problems), ...built.problems],
    [result, built],
  );
  const valid = problems.length === 0 && result.ok;
  const shown = useDebounced(problems, PROBLEMS_DELAY_MS);
  const messages = useMemo(() => messagesByField(shown), [shown]);

  // Rows added, moved or removed: the focus goes where the trainer expects it once the new rows are on screen.
  const pendingFocus = useRef<string | null>(null);
  const focusLater: FocusLater = useCallback((id) => {
    pendingFocus.current = id;
  }, []);
  useEffect(() => {
    if (pendingFocus.current === null) return;
    document.getElementById(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });

  const preview = (): void => {
    if (!result.ok || !valid) return;
    onPreview(result.value);
    setPreviewed(result.value.title);
  };

  return (
    <div className="scenario-editor">
      <div className="se-header">
        <h2 id={SCENARIO_EDITOR_TITLE_ID}>Write your own scenario</h2>
        <button type="button" className="se-close" onClick={onClose}>Close</button>
      </div>
      <p className="se-lead">
        Fill in the form; the problems list says what is still missing. &quot;Preview: run it&quot; runs your scenario in the
        lab, in all three modes.
      </p>
      <FieldMessages.Provider value={messages}>
        <form className="se-form" aria-labelledby={SCENARIO_EDITOR_TITLE_ID} noValidate
          onSubmit={(e) => { e.preventDefault(); preview(); }}>
          <div className="se-sections">
            <AboutFieldset form={form} update={update} />
            <NamesFieldset form={form} update={update} />
            <ClientsFieldset form={form} update={update} focusLater={focusLater} />
            <RequestsFieldset form={form} update={update} focusLater={focusLater} />
            <OptionsFieldset form={form} update={update} />
            <FaultsFieldset form={form} update={update} />
          </div>
          <div className="se-side">
            <ProblemList problems={shown} />
            <div className="se-actions">
              <button type="submit" className="se-preview" disabled={!valid}
                aria-describedby={valid ? undefined : fieldId('preview', 'hint')}>Preview: run it</button>
              {!valid && <p id={fieldId('preview', 'hint')} className="se-hint">Fix the problems above to preview.</p>}
              <p role="status" className="se-previewed">{previewed !== null ? `"${previewed}" is running in the lab: close the editor to watch it.` : ''}</p>
            </div>
            <FileView file={built.file} />
          </div>
        </form>
      </FieldMessages.Provider>
    </div>
  );
}
