import { useSim } from '../SimContext';

const capitalized = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
/** A file with many mistakes usually repeats one: the first few lines say enough to fix it. */
const SHOWN_PROBLEMS = 12;

/**
 * What became of the last trainer's file, in the notices area: "Opened …", or why it was refused, one line per
 * problem in the validator's words. Everything is React text (a file's title or a problem quoting a value is never
 * HTML). The region stays in the page while empty, so a screen reader hears a notice when it appears.
 */
export function FileNotice() {
  const notice = useSim((s) => s.fileNotice);
  const dismiss = useSim((s) => s.showFileNotice);
  return (
    <div role="status" aria-live="polite" className="file-notice-region" data-testid="file-notice">
      {notice && (
        <div className={`notices file-notice file-notice-${notice.kind}`}>
          {notice.kind === 'loaded' ? (
            <p className="notices-title">{`Opened the ${notice.what} “${notice.title}” from ${notice.source}.`}</p>
          ) : (
            <>
              <p className="notices-title">{`${capitalized(notice.source)} could not be opened; the simulator goes on with what it had:`}</p>
              <ul>
                {notice.problems.slice(0, SHOWN_PROBLEMS).map((line, i) => <li key={i}>{line}</li>)}
                {notice.problems.length > SHOWN_PROBLEMS && <li>{`…and ${notice.problems.length - SHOWN_PROBLEMS} more.`}</li>}
              </ul>
            </>
          )}
          <button type="button" onClick={() => dismiss(null)}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
