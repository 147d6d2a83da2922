import { fieldId } from './fieldIds';
import { SelectField, TextField, type Choice } from './fields';
import {
  addRequest, apiName, BACKEND_IDS, METHODS, moveRequest, removeRequest, setRequest, siteName,
  type EditorForm, type HostChoice, type RequestRow,
} from './formModel';
import { MAX_COUNT, MAX_LENGTH } from './limits';
import type { FocusLater, UpdateForm } from './types';

/** The lab's own browser, which sends the requests of a file that names no clients. */
const LAB_CLIENT = 'alice';

function clientChoices(form: EditorForm, row: RequestRow): { value: string; choices: Choice[] } {
  const names = [...new Set(form.clients.map((c) => c.name).filter((n) => n !== ''))];
  if (names.length === 0) {
    const choices: Choice[] = [{ value: '', label: `${LAB_CLIENT} (the lab's client)` }];
    if (row.client !== '') choices.push({ value: row.client, label: `${row.client} (not in the clients list)` });
    return { value: row.client, choices };
  }
  const choices: Choice[] = names.map((n) => ({ value: n, label: n }));
  if (row.client !== '' && !names.includes(row.client)) choices.push({ value: row.client, label: `${row.client} (not in the clients list)` });
  return { value: row.client === '' ? names[0]! : row.client, choices };
}

function methodChoices(method: string): Choice[] {
  const choices: Choice[] = [{ value: '', label: 'Choose a method' }, ...METHODS.map((m) => ({ value: m, label: m }))];
  if (method !== '' && !METHODS.includes(method)) choices.push({ value: method, label: method });
  return choices;
}

function hostChoices(form: EditorForm, row: RequestRow): Choice[] {
  const choices: Choice[] = [
    { value: 'site', label: `Site: ${siteName(form)}` },
    { value: 'api', label: `API: ${apiName(form)}` },
  ];
  if (row.host === 'other') choices.push({ value: 'other', label: `Other: ${row.hostOther}` });
  return choices;
}

const SCHEMES: readonly Choice[] = [
  { value: 'https', label: 'https (port 443, over TLS)' },
  { value: 'http', label: 'http (port 80, cleartext)' },
];

const DIRECT: readonly Choice[] = [
  { value: '', label: 'Through the load balancer' },
  ...BACKEND_IDS.map((b) => ({ value: b, label: `Straight to ${b}, port 80 (a hole in the firewall)` })),
];

function RequestItem({ form, row, index, update, focusLater }: {
  form: EditorForm; row: RequestRow; index: number; update: UpdateForm; focusLater: FocusLater;
}) {
  const id = (field: string): string => fieldId('requests', index, field);
  const set = (patch: Partial<Omit<RequestRow, 'key'>>): void => update((f) => setRequest(f, index, patch));
  const last = form.requests.length - 1;
  const client = clientChoices(form, row);
  const n = index + 1;
  const move = (by: -1 | 1): void => {
    update((f) => moveRequest(f, index, by));
    const to = index + by;
    // The same button follows the row; at the end of the list (where it is disabled) its twin takes the focus.
    const button = by < 0 ? (to > 0 ? 'up' : 'down') : (to < last ? 'down' : 'up');
    focusLater(fieldId('requests', to, button));
  };
  const remove = (): void => {
    update((f) => removeRequest(f, index));
    focusLater(last === 0 ? fieldId('requests', 'add') : fieldId('requests', Math.min(index, last - 1), 'remove'));
  };
  const sr = <>{' '}<span className="sr-only">{`of request ${n}`}</span></>;
  return (
    <li className="se-row se-request">
      <fieldset>
        <legend>Request {n}{row.method || row.path ? <span className="se-legend-detail">{`: ${row.method} ${row.path.slice(0, 60)}`}</span> : null}</legend>
        <div className="se-request-grid">
          <SelectField id={id('client')} label={<>Client{sr}</>} value={client.value} choices={client.choices}
            onChange={(v) => set({ client: v })} />
          <SelectField id={id('method')} label={<>Method{sr}</>} value={row.method} choices={methodChoices(row.method)}
            onChange={(v) => set({ method: v })} />
          <TextField id={id('path')} className="se-wide" label={<>Path{sr}</>} value={row.path} maxLength={MAX_LENGTH.path} monospace
            placeholder="/login" onChange={(v) => set({ path: v })} />
          <SelectField id={id('host')} label={<>Host{sr}</>} value={row.host === '' ? 'site' : row.host}
            choices={hostChoices(form, row)} onChange={(v) => set({ host: v as HostChoice })} />
          <SelectField id={id('scheme')} label={<>Scheme{sr}</>} value={row.scheme === '' ? 'https' : row.scheme} choices={SCHEMES}
            onChange={(v) => set({ scheme: v as RequestRow['scheme'] })} />
          <TextField id={id('purpose')} className="se-wide" label={<>Purpose (optional){sr}</>} value={row.purpose}
            maxLength={MAX_LENGTH.purpose} placeholder="alice logs in" hint="What this request is for, shown in the step list."
            onChange={(v) => set({ purpose: v })} />
          <TextField id={id('headers')} className="se-wide" label={<>Headers{sr}</>} value={row.headers} multiline rows={2} monospace
            maxLength={MAX_LENGTH.headers} placeholder="Content-Type: application/x-www-form-urlencoded"
            hint={'One "Name: value" per line. The client adds Host, Content-Length, Cookie and Connection itself.'}
            onChange={(v) => set({ headers: v })} />
          <TextField id={id('body')} className="se-wide" label={<>Body (optional){sr}</>} value={row.body} multiline rows={2} monospace
            maxLength={MAX_LENGTH.body} placeholder="user=alice&password=..." onChange={(v) => set({ body: v })} />
        </div>
        <details className="se-request-more" open={row.sourceIp !== '' || row.direct !== '' ? true : undefined}>
          <summary>More for this request{' '}<span className="sr-only">{`(request ${n})`}</span></summary>
          <div className="se-request-grid">
            <TextField id={id('sourceIp')} label={<>Source address (optional){sr}</>} value={row.sourceIp} maxLength={15}
              inputMode="decimal" monospace placeholder="198.51.100.7"
              hint="Comes from this address instead of its client's (a phone that changed networks)."
              onChange={(v) => set({ sourceIp: v })} />
            <SelectField id={id('direct')} label={<>Route{sr}</>} value={row.direct} choices={DIRECT}
              onChange={(v) => set({ direct: v as RequestRow['direct'] })} />
          </div>
        </details>
        <div className="se-row-actions">
          <button type="button" id={id('up')} disabled={index === 0} onClick={() => move(-1)}>Move up{' '}<span className="sr-only">{`request ${n}`}</span></button>
          <button type="button" id={id('down')} disabled={index === last} onClick={() => move(1)}>Move down{' '}<span className="sr-only">{`request ${n}`}</span></button>
          <button type="button" id={id('remove')} onClick={remove}>Remove{' '}<span className="sr-only">{`request ${n}`}</span></button>
        </div>
      </fieldset>
    </li>
  );
}

/** The requests, in the order the clients send them. */
export function RequestsFieldset({ form, update, focusLater }: { form: EditorForm; update: UpdateForm; focusLater: FocusLater }) {
  const full = form.requests.length >= MAX_COUNT.requests;
  const add = (): void => {
    update(addRequest);
    focusLater(fieldId('requests', form.requests.length, 'client'));
  };
  return (
    <fieldset className="se-section se-requests">
      <legend>Requests</legend>
      <p className="se-intro">What the clients send, in this order. Each request runs through the load balancer in all three modes.</p>
      {form.requests.length > 0 && (
        <ol className="se-rows">
          {form.requests.map((row, i) => <RequestItem key={row.key} form={form} row={row} index={i} update={update} focusLater={focusLater} />)}
        </ol>
      )}
      <button type="button" id={fieldId('requests', 'add')} onClick={add} disabled={full}>Add a request</button>
      {full && <p className="se-hint">At most {MAX_COUNT.requests} requests.</p>}
    </fieldset>
  );
}
