/**
 * The editor's labelled controls. Each knows its id; if the problem list names its field it is marked
 * aria-invalid and described by those messages (and by its hint, if it has one). Values are React text: whatever a
 * trainer types is shown as text, never as markup.
 */
import { createContext, useContext, type ReactNode } from 'react';

/** Field id -> ids of the messages about it (fieldIds.ts messagesByField). */
export const FieldMessages = createContext<ReadonlyMap<string, readonly string[]>>(new Map());

/** The attributes that tie a control to its hint and its problems. */
export function useFieldState(id: string, hintId?: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const messages = useContext(FieldMessages).get(id) ?? [];
  const described = [...(hintId ? [hintId] : []), ...messages];
  return {
    ...(messages.length > 0 ? { 'aria-invalid': true as const } : {}),
    ...(described.length > 0 ? { 'aria-describedby': described.join(' ') } : {}),
  };
}

interface FieldBase {
  readonly id: string;
  readonly label: ReactNode;
  /** A sentence under the control (linked with aria-describedby). */
  readonly hint?: ReactNode;
  readonly className?: string;
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return <p id={id} className="se-hint">{children}</p>;
}

export function TextField(props: FieldBase & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly maxLength?: number;
  readonly placeholder?: string;
  readonly multiline?: boolean;
  readonly rows?: number;
  readonly inputMode?: 'text' | 'decimal';
  readonly monospace?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const state = useFieldState(props.id, hintId);
  const common = {
    id: props.id, value: props.value, spellCheck: false, autoComplete: 'off', ...state,
    ...(props.maxLength !== undefined ? { maxLength: props.maxLength } : {}),
    ...(props.placeholder !== undefined ? { placeholder: props.placeholder } : {}),
    className: props.monospace ? 'se-mono' : undefined,
  };
  return (
    <div className={`se-field${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.multiline
        ? <textarea {...common} rows={props.rows ?? 3} onChange={(e) => props.onChange(e.currentTarget.value)} />
        : <input {...common} type="text" inputMode={props.inputMode} onChange={(e) => props.onChange(e.currentTarget.value)} />}
      {props.hint && hintId ? <Hint id={hintId}>{props.hint}</Hint> : null}
    </div>
  );
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function SelectField(props: FieldBase & {
  readonly value: string;
  readonly choices: readonly Choice[];
  readonly onChange: (value: string) => void;
  readonly disabled?: boolean;
}) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const state = useFieldState(props.id, hintId);
  return (
    <div className={`se-field${props.className ? ` ${props.className}` : ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} value={props.value} disabled={props.disabled} {...state} onChange={(e) => props.onChange(e.currentTarget.value)}>
        {props.choices.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
      {props.hint && hintId ? <Hint id={hintId}>{props.hint}</Hint> : null}
    </div>
  );
}

export function CheckField(props: FieldBase & { readonly checked: boolean; readonly onChange: (checked: boolean) => void; readonly disabled?: boolean }) {
  const hintId = props.hint ? `${props.id}-hint` : undefined;
  const state = useFieldState(props.id, hintId);
  return (
    <div className={`se-check${props.className ? ` ${props.className}` : ''}`}>
      <input id={props.id} type="checkbox" checked={props.checked} disabled={props.disabled} {...state} onChange={(e) => props.onChange(e.currentTarget.checked)} />
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && hintId ? <Hint id={hintId}>{props.hint}</Hint> : null}
    </div>
  );
}
