import { fieldId } from './fieldIds';
import { TextField } from './fields';
import { addClient, removeClient, setClient, type EditorForm } from './formModel';
import { MAX_COUNT, MAX_LENGTH } from './limits';
import type { FocusLater, UpdateForm } from './types';

/** The browsers of the scenario: a name each (its own cookies and connection) and the public address it comes from. */
export function ClientsFieldset({ form, update, focusLater }: { form: EditorForm; update: UpdateForm; focusLater: FocusLater }) {
  const full = form.clients.length >= MAX_COUNT.clients;
  const add = (): void => {
    update(addClient);
    focusLater(fieldId('clients', form.clients.length, 'name'));
  };
  const remove = (index: number): void => {
    update((f) => removeClient(f, index));
    const left = form.clients.length - 1;
    focusLater(left === 0 ? fieldId('clients', 'add') : fieldId('clients', Math.min(index, left - 1), 'remove'));
  };
  return (
    <fieldset className="se-section se-clients">
      <legend>Clients</legend>
      <p className="se-intro">
        Each client is a browser with its own cookies and connection. With none, the lab&apos;s own client (alice)
        sends every request.
      </p>
      {form.clients.length > 0 && (
        <ol className="se-rows">
          {form.clients.map((c, i) => (
            <li key={c.key} className="se-row se-client-row">
              <TextField id={fieldId('clients', i, 'name')} label={<>Name{' '}<span className="sr-only">of client {i + 1}</span></>}
                value={c.name} maxLength={MAX_LENGTH.clientName} monospace
                onChange={(v) => update((f) => setClient(f, i, { name: v }))} />
              <TextField id={fieldId('clients', i, 'ip')} label={<>Public IPv4 address{' '}<span className="sr-only">of client {i + 1}</span></>}
                value={c.ip} maxLength={15} inputMode="decimal" monospace placeholder="203.0.113.10"
                onChange={(v) => update((f) => setClient(f, i, { ip: v }))} />
              <div className="se-row-actions">
                <button type="button" id={fieldId('clients', i, 'remove')} onClick={() => remove(i)}>
                  Remove{' '}<span className="sr-only">client {i + 1}{c.name ? ` (${c.name})` : ''}</span>
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <button type="button" id={fieldId('clients', 'add')} onClick={add} disabled={full}>Add a client</button>
      {full && <p className="se-hint">At most {MAX_COUNT.clients} clients.</p>}
    </fieldset>
  );
}
