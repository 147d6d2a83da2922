import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import type { Scenario, ScenarioFile } from '../../sim/index';
import { useSim, useSimStore } from '../SimContext';
import { currentScenarioFile } from './currentFile';

// The editor is a form of its own, loaded the first time it is opened (it is not needed to watch a run).
const ScenarioEditor = lazy(() => import('./ScenarioEditor').then((m) => ({ default: m.ScenarioEditor })));

/**
 * "Write your own scenario…": the scenario editor in a native modal <dialog> (focus is kept inside it, Escape
 * closes it), starting from the scenario on screen with the learner's changes. A preview loads the edited scenario
 * into the simulator like a file. Closing returns the focus to this button.
 */
export function WriteScenario() {
  const store = useSimStore();
  const loadScenario = useSim((s) => s.loadScenario);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [initial, setInitial] = useState<ScenarioFile | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (initial && element && !element.open) {
      // jsdom (the unit tests) has no showModal; a browser always does.
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
  }, [initial]);
  const close = (): void => {
    if (dialog.current?.open && typeof dialog.current.close === 'function') dialog.current.close();
    else closed();
  };
  /** The dialog closed (the editor's own button, or Escape): forget the draft, and give the focus back. */
  const closed = (): void => {
    setInitial(null);
    opener.current?.focus();
  };
  const preview = (scenario: Scenario): void => loadScenario(scenario);
  return (
    <>
      <button ref={opener} type="button" onClick={() => setInitial(currentScenarioFile(store.getState()))}>Write your own scenario…</button>
      {/* Keys typed in the editor are the editor's: the player's shortcuts (Space, arrows, Home, End) listen on the
          document for the stage behind this modal, so they must not hear them. Escape still closes the dialog. */}
      <dialog ref={dialog} className="editor-dialog" aria-label="Write your own scenario" onClose={closed} onKeyDown={(e) => e.stopPropagation()}>
        {initial && (
          <Suspense fallback={<p>Loading the editor…</p>}>
            <ScenarioEditor initial={initial} onPreview={preview} onClose={close} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
