import { useId } from 'react';

export type ThemeChoice = 'auto' | 'light' | 'dark';

const CHOICES: ReadonlyArray<readonly [ThemeChoice, string]> = [['auto', 'Like the system'], ['light', 'Light'], ['dark', 'Dark']];

/** The page's colours: the system's setting, or light or dark whatever it says (kept in the link as theme=). */
export function ThemeSwitch({ theme, onChange }: { readonly theme: ThemeChoice; readonly onChange: (theme: ThemeChoice) => void }) {
  const id = useId();
  return (
    <span className="theme-switch">
      <label htmlFor={id}>Theme</label>
      <select id={id} value={theme} onChange={(e) => onChange(e.target.value as ThemeChoice)}>
        {CHOICES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
      </select>
    </span>
  );
}
