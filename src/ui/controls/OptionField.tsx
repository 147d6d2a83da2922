import { OPTION_CHOICES } from '../../state/validation';
import { labelOf } from './optionLabels';

export interface OptionFieldProps {
  readonly name: string;
  readonly value: unknown;
  readonly overridden: boolean;
  readonly onChange: (value: boolean | string | number) => void;
}

/** One engine option as a checkbox, a choice or a number, by the type of its value. */
export function OptionField({ name, value, overridden, onChange }: OptionFieldProps) {
  const { label, numbers } = labelOf(name);
  const id = `option-${name}`;
  const mark = overridden ? <span className="option-changed"> (changed)</span> : null;
  if (typeof value === 'boolean') {
    return (
      <div className="option option-check">
        <input id={id} type="checkbox" checked={value} onChange={(e) => onChange(e.currentTarget.checked)} />
        <label htmlFor={id}>{label}{mark}</label>
      </div>
    );
  }
  const choices = typeof value === 'number'
    ? [...new Set([...(numbers ?? []), value])].sort((a, b) => a - b).map(String)
    : OPTION_CHOICES[name] ?? [String(value)];
  return (
    <div className="option option-select">
      <label htmlFor={id}>{label}{mark}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange(typeof value === 'number' ? Number(e.currentTarget.value) : e.currentTarget.value)}>
        {choices.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </div>
  );
}
