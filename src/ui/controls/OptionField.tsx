import { OPTION_CHOICES } from '../../state/validation';
import { labelOf } from './optionLabels';

export interface OptionFieldProps {
  readonly name: string;
  readonly value: unknown;
  readonly overridden: boolean;
  readonly onChange: (value: boolean | string | number) => void;
  /** Why the option cannot be changed now (shown next to it); absent = it can. */
  readonly disabledReason?: string;
}

/** One engine option as a checkbox, a choice or a number, by the type of its value. */
export function OptionField({ name, value, overridden, onChange, disabledReason }: OptionFieldProps) {
  const { label, numbers } = labelOf(name);
  const id = `option-${name}`;
  const mark = overridden ? <span className="option-changed"> (changed)</span> : null;
  const reasonId = `${id}-reason`;
  const reason = disabledReason ? <span id={reasonId} className="option-reason">{disabledReason}</span> : null;
  const described = disabledReason ? { 'aria-describedby': reasonId } : {};
  if (typeof value === 'boolean') {
    return (
      <div className={`option option-check${reason ? ' has-reason' : ''}`}>
        <input id={id} type="checkbox" checked={value} disabled={disabledReason !== undefined} {...described} onChange={(e) => onChange(e.currentTarget.checked)} />
        <label htmlFor={id}>{label}{mark}</label>
        {reason}
      </div>
    );
  }
  const choices = typeof value === 'number'
    ? [...new Set([...(numbers ?? []), value])].sort((a, b) => a - b).map(String)
    : OPTION_CHOICES[name] ?? [String(value)];
  return (
    <div className={`option option-select${reason ? ' has-reason' : ''}`}>
      <label htmlFor={id}>{label}{mark}</label>
      <select id={id} value={String(value)} disabled={disabledReason !== undefined} {...described} onChange={(e) => onChange(typeof value === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value)}>
        {choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
      {reason}
    </div>
  );
}
