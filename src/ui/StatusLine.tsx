import { MODES, MODE_LABELS, PROTOCOLS } from '../sim/index';
import { effectiveOptions } from '../state/derive/effectiveOptions';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectRuns, selectScenario, selectStatus } from '../state/selectors';
import { useSim } from './SimContext';

/**
 * The engine's progress in words (a polite status; tests and the bench wait for "<Mode>: N events ready.") and,
 * while the three modes are still being computed, a progress bar. After an engine error, "Try again"; after the
 * engine bridge had to restart the worker, a notice saying so.
 */
export function StatusLine() {
  const status = useSim(selectStatus);
  const error = useSim((s) => s.error);
  const mode = useSim(selectMode);
  const run = useSim(selectCurrentRun);
  const runs = useSim(selectRuns);
  const scenario = useSim(selectScenario);
  const overrides = useSim(selectOptionOverrides);
  const version = PROTOCOLS[effectiveOptions(scenario, mode, overrides).protocol].name;
  const notice = useSim((s) => s.engineNotice);
  const retry = useSim((s) => s.retry);
  const dismissNotice = useSim((s) => s.dismissEngineNotice);
  const done = MODES.filter((m) => runs[m]).length;
  const text = status === 'error'
    ? `The engine failed: ${error ?? 'unknown error'}`
    : run
      ? `${MODE_LABELS[mode]}: ${run.timeline.events.length} events ready.`
      : status === 'starting'
        ? 'Generating RSA keys and certificates…'
        : `Running real ${version} handshakes for ${MODE_LABELS[mode]}…`;
  return (
    <div className="status-area">
      <p className="status" role="status" aria-live="polite">{text}</p>
      {status === 'error' && <button type="button" onClick={retry}>Try again</button>}
      {notice && (
        <p className="engine-notice" role="status" aria-live="polite">
          {notice}{' '}
          <button type="button" onClick={dismissNotice}>Dismiss</button>
        </p>
      )}
      {status !== 'error' && done < MODES.length && (
        <div className="progress">
          <progress max={MODES.length + 1} value={done + (status === 'starting' ? 0 : 1)} aria-label="Engine progress" />
          <span>{status === 'starting' ? 'Keys and certificates' : `${done} of ${MODES.length} modes computed`}</span>
        </div>
      )}
    </div>
  );
}
