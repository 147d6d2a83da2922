import { MODES, MODE_LABELS, type Mode } from '../../sim/index';
import { selectMode, selectRuns } from '../../state/selectors';
import { useSim } from '../SimContext';

const HINTS: Record<Mode, string> = {
  passthrough: 'LB forwards encrypted bytes (layer 4)',
  offload: 'LB decrypts; cleartext to backends',
  bridge: 'LB decrypts, re-encrypts to backends',
};

/** The "Termination mode" radio group; switching keeps the scenario and the comparable step. */
export function ModeSwitch() {
  const mode = useSim(selectMode);
  const runs = useSim(selectRuns);
  const setMode = useSim((s) => s.setMode);
  return (
    <fieldset className="mode-switch">
      <legend>Termination mode</legend>
      {MODES.map((m) => (
        <label key={m} className={m === mode ? 'selected' : undefined}>
          <input type="radio" name="termination-mode" value={m} checked={m === mode} onChange={() => setMode(m)} />
          <span className="mode-name">{MODE_LABELS[m]}</span>
          <span className="mode-hint">{HINTS[m]}{runs[m] ? '' : ' (computing…)'}</span>
        </label>
      ))}
    </fieldset>
  );
}
