import { DEFAULT_OPTIONS, PROTOCOLS, TLS_PROTOCOLS, type RunOptions } from '../../../sim/index';
import { OPTION_CHOICES } from '../../../state/validation';
import { labelOf } from '../../controls/optionLabels';
import { fieldId } from './fieldIds';
import { CheckField, SelectField, type Choice } from './fields';
import { optionValue, setOption, type EditorForm } from './formModel';
import type { UpdateForm } from './types';

type OptionName = keyof RunOptions;

/** The options a trainer reaches for first (issue 14); the rest are under "More options". */
const MAIN: readonly OptionName[] = ['protocol', 'waf', 'stickyCookie', 'proxyProtocol', 'clientCertificate', 'keepAlive', 'poolRouting', 'loginRateLimit'];
/** Every other option the engine has, so one it adds later appears here too. */
const MORE: readonly OptionName[] = (Object.keys(DEFAULT_OPTIONS) as OptionName[]).filter((k) => !MAIN.includes(k));

/** Where the panel's wording names the lab's own hostname, the editor speaks of the file's. */
const EDITOR_LABELS: Partial<Record<OptionName, string>> = {
  protocol: 'TLS version',
  poolRouting: 'Route the API hostname and /api/* to an API pool',
};

function choicesOf(name: OptionName, value: unknown): Choice[] {
  if (name === 'protocol') return TLS_PROTOCOLS.map((p) => ({ value: p, label: PROTOCOLS[p].name }));
  if (typeof value === 'number') {
    const numbers = [...new Set([...(labelOf(name).numbers ?? []), value, DEFAULT_OPTIONS[name] as number])].sort((a, b) => a - b);
    return numbers.map((n) => ({ value: String(n), label: String(n) }));
  }
  return (OPTION_CHOICES[name] ?? [String(value)]).map((c) => ({ value: c, label: c }));
}

function OptionControl({ form, name, update }: { form: EditorForm; name: OptionName; update: UpdateForm }) {
  const value = optionValue(form, name);
  const set = (v: RunOptions[OptionName]): void => update((f) => setOption(f, name, v));
  const label = EDITOR_LABELS[name] ?? labelOf(name).label;
  const shown = <>{label}{name in form.options ? <span className="se-changed"> (set in the file)</span> : null}</>;
  const id = fieldId('options', name);
  if (typeof value === 'boolean') return <CheckField id={id} label={shown} checked={value} onChange={set} />;
  return (
    <SelectField id={id} label={shown} value={String(value)} choices={choicesOf(name, value)}
      onChange={(v) => set(typeof value === 'number' ? Number(v) : v as RunOptions[OptionName])} />
  );
}

/** The run options; only those that differ from the lab's defaults are written to the file. */
export function OptionsFieldset({ form, update }: { form: EditorForm; update: UpdateForm }) {
  const more = MORE.filter((k) => k in form.options).length;
  return (
    <fieldset className="se-section se-options">
      <legend>Options</legend>
      <p className="se-intro">Only what differs from the lab&apos;s defaults goes into the file; the learner can still change every option.</p>
      <div className="se-option-grid">
        {MAIN.map((name) => <OptionControl key={name} form={form} name={name} update={update} />)}
      </div>
      <details className="se-more-options">
        <summary>More options{more > 0 ? ` (${more} set in the file)` : ''}</summary>
        <div className="se-option-grid">
          {MORE.map((name) => <OptionControl key={name} form={form} name={name} update={update} />)}
        </div>
      </details>
      {form.modeOptions !== undefined && (
        <p className="se-hint">This file also sets options per mode; they are kept as they are.</p>
      )}
    </fieldset>
  );
}
