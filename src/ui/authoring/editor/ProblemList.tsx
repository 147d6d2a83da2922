import { problemText, type FileProblem } from '../../../sim/index';
import { fieldIdForPath, fieldId, problemId } from './fieldIds';

/**
 * What is wrong with the file, in words, in a polite live region (the list it shows trails the typing by a moment,
 * so a screen reader hears the result of an edit, not every keystroke). Each message can take the focus to its field.
 */
export function ProblemList({ problems }: { problems: readonly FileProblem[] }) {
  const goTo = (id: string): void => {
    const el = document.getElementById(id);
    if (!el) return;
    // A field inside a closed <details> ("More options") is opened first, so it can take the focus.
    for (let d = el.closest('details'); d; d = d.parentElement?.closest('details') ?? null) d.open = true;
    el.focus();
  };
  return (
    <section className="se-problems" aria-labelledby={fieldId('problems', 'title')}>
      <h3 id={fieldId('problems', 'title')}>Problems</h3>
      <div aria-live="polite" className="se-problems-live">
        {problems.length === 0
          ? <p className="se-ok">No problems: the scenario is ready to preview.</p>
          : (
            <>
              <p>{problems.length === 1 ? '1 problem to fix:' : `${problems.length} problems to fix:`}</p>
              <ul>
                {problems.map((p, i) => {
                  const target = fieldIdForPath(p.path);
                  return (
                    <li key={i}>
                      <span id={problemId(i)}>{problemText(p)}</span>
                      {target ? <> <button type="button" className="se-goto" onClick={() => goTo(target)}>Go to the field{' '}<span className="sr-only">{`for problem ${i + 1}`}</span></button></> : null}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
      </div>
    </section>
  );
}
