import { DEFAULT_OPTIONS, PROTOCOLS, resolveOptions, type RunOptions } from '../../sim/index';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectScenario } from '../../state/selectors';
import { useSim } from '../SimContext';
import { labelOf, OPTIONS_ELSEWHERE } from './optionLabels';
import { OptionField } from './OptionField';

const KEYS = (Object.keys(DEFAULT_OPTIONS) as (keyof RunOptions)[]).filter((k) => !OPTIONS_ELSEWHERE.has(k));

/** Options that only exist in some TLS versions: why they cannot be changed under the others. */
function disabledReason(key: keyof RunOptions, options: RunOptions): string | undefined {
  if (key === 'encryptedClientHello' && options.protocol !== 'tls1.3') return `Needs TLS 1.3 (this run uses ${PROTOCOLS[options.protocol].name}): choose TLS 1.3 above.`;
  return undefined;
}

/**
 * The run's options. Values shown are the ones the current run really used (the scenario's, per mode, plus the
 * learner's changes); changing one re-runs every mode in the worker.
 */
export function OptionsPanel() {
  const run = useSim(selectCurrentRun);
  const overrides = useSim(selectOptionOverrides);
  const mode = useSim(selectMode);
  const setOption = useSim((s) => s.setOption);
  const resetOptions = useSim((s) => s.resetOptions);
  const scenario = useSim(selectScenario);
  const effective: RunOptions = run?.timeline.options
    ?? resolveOptions(scenario, mode, overrides);
  const field = (key: keyof RunOptions) => (
    <OptionField key={key} name={key} value={effective[key]} overridden={key in overrides} disabledReason={disabledReason(key, effective)}
      onChange={(value) => setOption(key, value as RunOptions[typeof key])} />
  );
  const changed = Object.keys(overrides).filter((k) => !OPTIONS_ELSEWHERE.has(k)).length;
  return (
    <details className="options">
      <summary>Options{changed > 0 ? ` (${changed} changed)` : ''}</summary>
      <fieldset>
        <legend>Load balancer and client</legend>
        {KEYS.filter((k) => labelOf(k).main).map(field)}
      </fieldset>
      <fieldset>
        <legend>More options</legend>
        {KEYS.filter((k) => !labelOf(k).main).map(field)}
      </fieldset>
      <button type="button" onClick={resetOptions} disabled={changed === 0}>Reset to the scenario's options</button>
    </details>
  );
}
