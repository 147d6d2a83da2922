import { OBSERVER_LABELS, type SimEvent } from '../../sim/index';
import { detailArray, detailString, isNote, typeOf } from '../../state/derive/events';

interface Derived {
  readonly name: string;
  readonly from: string;
}

/** The secrets a `tls.keysDerived` step lists, read defensively (names and origins only: the values never reach the UI). */
export function derivedSecrets(event: SimEvent): readonly Derived[] {
  if (typeOf(event) !== 'tls.keysDerived') return [];
  return detailArray(event, 'secrets').flatMap((s) => {
    if (typeof s !== 'object' || s === null) return [];
    const { name, from } = s as Record<string, unknown>;
    return typeof name === 'string' && typeof from === 'string' ? [{ name, from }] : [];
  });
}

const STAGE_WORDS: Readonly<Record<string, string>> = {
  master: 'the master secret and the record keys',
  handshake: 'the handshake traffic secrets',
  application: 'the application traffic secrets',
  update: 'updated traffic secrets',
};

/** The key schedule step: which secrets this end derived here, and from what (a table; no secret values). */
export function KeySchedule({ event }: { event: SimEvent }) {
  const secrets = derivedSecrets(event);
  if (secrets.length === 0) return null;
  const stage = detailString(event, 'stage') ?? '';
  const version = detailString(event, 'version');
  const node = isNote(event) ? OBSERVER_LABELS[event.node] ?? event.node : '';
  return (
    <div className="table-scroll key-schedule" tabIndex={0} role="region" aria-label="Key schedule, table">
      <table>
        <caption>Key schedule{version ? ` (${version})` : ''}: {node} derives {STAGE_WORDS[stage] ?? 'these secrets'}</caption>
        <thead>
          <tr><th scope="col">Secret</th><th scope="col">Derived from</th></tr>
        </thead>
        <tbody>
          {secrets.map((s, i) => (
            <tr key={`${i}-${s.name}`}><th scope="row"><code>{s.name}</code></th><td>{s.from}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
