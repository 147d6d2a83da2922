import { fieldId } from './fieldIds';
import { TextField } from './fields';
import { setText, type EditorForm } from './formModel';
import { MAX_LENGTH } from './limits';
import type { UpdateForm } from './types';

/** What the scenario is called and what it teaches. */
export function AboutFieldset({ form, update }: { form: EditorForm; update: UpdateForm }) {
  return (
    <fieldset className="se-section se-about">
      <legend>About</legend>
      <TextField id={fieldId('id')} label="Id" value={form.id} maxLength={MAX_LENGTH.id} monospace
        hint="Lower-case letters, digits and dashes, such as acme-login: names the scenario in links and files."
        onChange={(v) => update((f) => setText(f, 'id', v))} />
      <TextField id={fieldId('title')} label="Title" value={form.title} maxLength={MAX_LENGTH.title}
        hint="Shown in the scenario picker."
        onChange={(v) => update((f) => setText(f, 'title', v))} />
      <TextField id={fieldId('summary')} label="Summary (optional)" value={form.summary} maxLength={MAX_LENGTH.summary}
        hint="One line under the picker."
        onChange={(v) => update((f) => setText(f, 'summary', v))} />
      <TextField id={fieldId('lesson')} label="Lesson (optional)" value={form.lesson} maxLength={MAX_LENGTH.lesson} multiline rows={2}
        hint="The one or two sentences shown with the scenario: what the learner should notice."
        onChange={(v) => update((f) => setText(f, 'lesson', v))} />
    </fieldset>
  );
}
