import type { EditorForm } from './formModel';

/** How a fieldset changes the form: a pure edit from formModel.ts, applied to the latest form. */
export type UpdateForm = (edit: (form: EditorForm) => EditorForm) => void;

/** Moves the keyboard focus to the element with this id once the next render is on screen (rows added, moved, removed). */
export type FocusLater = (id: string) => void;
