import { useState } from 'react';
import { selectRequests, selectScenario } from '../../state/selectors';
import { checkDraft, draftOf, type RequestDraft } from '../../state/validation';
import { useSim } from '../SimContext';
import { takesUserInput } from './userInput';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * Edit the scenario's requests (method, path, headers, body) and run them in every mode. Everything typed is
 * checked before it is sent and only ever shown as text.
 */
export function RequestEditor() {
  const edited = useSim(selectRequests);
  const setRequests = useSim((s) => s.setRequests);
  const scenario = useSim(selectScenario);
  const base = edited ?? scenario?.requests ?? [];
  const [drafts, setDrafts] = useState<RequestDraft[]>(() => base.map(draftOf));
  const [which, setWhich] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  if (!scenario || !takesUserInput(scenario) || base.length === 0) return null;
  const draft = drafts[which] ?? drafts[0]!;
  const update = (patch: Partial<RequestDraft>): void => setDrafts((all) => all.map((d, i) => (i === which ? { ...d, ...patch } : d)));
  const submit = (): void => {
    const checked = drafts.map((d, i) => checkDraft(d, base[i]!));
    const problems = checked.flatMap((c, i) => (c.ok ? [] : c.errors.map((e) => `Request ${i + 1}: ${e}`)));
    setErrors(problems);
    if (problems.length === 0) setRequests(checked.flatMap((c) => (c.ok ? [c.request] : [])));
  };
  const reset = (): void => {
    setDrafts(scenario.requests.map(draftOf));
    setErrors([]);
    setRequests(null);
  };
  return (
    <details className="request-editor">
      <summary>Edit the requests{edited ? ' (edited)' : ''}</summary>
      <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <div className="editor-row">
          <label htmlFor="request-which">Request</label>
          <select id="request-which" value={which} onChange={(e) => setWhich(Number(e.currentTarget.value))}>
            {drafts.map((d, i) => <option key={i} value={i}>{`${i + 1}. ${d.method} ${d.path.slice(0, 40)}`}</option>)}
          </select>
        </div>
        <div className="editor-row">
          <label htmlFor="request-method">Method</label>
          <select id="request-method" value={METHODS.includes(draft.method) ? draft.method : 'GET'} onChange={(e) => update({ method: e.currentTarget.value })}>
            {METHODS.map((m) => <option key={m} value={m}>{m}</option>)}
          </select>
        </div>
        <div className="editor-row">
          <label htmlFor="request-path">Path</label>
          <input id="request-path" type="text" value={draft.path} spellCheck={false} autoComplete="off" onChange={(e) => update({ path: e.currentTarget.value })} />
        </div>
        <div className="editor-row">
          <label htmlFor="request-headers">Headers (one "Name: value" per line)</label>
          <textarea id="request-headers" rows={3} value={draft.headers} spellCheck={false} onChange={(e) => update({ headers: e.currentTarget.value })} />
        </div>
        <div className="editor-row">
          <label htmlFor="request-body">Body</label>
          <textarea id="request-body" rows={3} value={draft.body} spellCheck={false} onChange={(e) => update({ body: e.currentTarget.value })} />
        </div>
        {errors.length > 0 && (
          <ul className="editor-errors" role="alert">{errors.map((e) => <li key={e}>{e}</li>)}</ul>
        )}
        <div className="editor-actions">
          <button type="submit">Run with these requests</button>
          <button type="button" onClick={reset} disabled={!edited}>Back to the scenario's requests</button>
        </div>
      </form>
    </details>
  );
}
