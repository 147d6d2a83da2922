import { OBSERVER_LABELS, toHex, type DecryptedHandshakeMessage, type ObserverId, type SegmentSentEvent } from '../../sim/index';
import { observersOf, OBSERVERS } from '../../state/derive/whoCanRead';
import { ReadabilityBadge } from '../panels/ReadabilityBadge';
import { useContent } from '../useContent';

export interface ObserverPanelProps {
  readonly packet: SegmentSentEvent;
  readonly viewAs: ObserverId;
  readonly eavesdroppers: boolean;
  readonly onViewAs: (observer: ObserverId) => void;
}

/** Printable text for a <pre>: line breaks kept, other control characters shown as dots. */
function printable(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '·');
}

function ciphertextOf(packet: SegmentSentEvent): string {
  const fields = packet.layers.flatMap((l) => (l.kind === 'tls' && l.encrypted ? l.fields : []));
  const data = fields.find((f) => f.label === 'Encrypted data');
  const bytes = data ? packet.payload.subarray(data.offset, data.offset + data.length) : packet.payload;
  const shown = toHex(bytes.subarray(0, 64)).replace(/(..)(?!$)/g, '$1 ');
  return `${shown}${bytes.length > 64 ? ` … (${bytes.length} bytes)` : ''}`;
}

/** A value cut to about 96 characters, as the layer list shows it. */
const shorten = (value: string): string => (value.length > 96 ? `${value.slice(0, 95)}…` : value);

/** The TLS 1.3 handshake messages this observer decrypted: one table per message (field, value, what it means). */
function DecryptedHandshake({ messages }: { readonly messages: readonly DecryptedHandshakeMessage[] }) {
  return (
    <>
      <h4>Decrypted handshake messages (only an end of the session can read these)</h4>
      <div className="observer-handshake" data-testid="observer-decrypted-handshake" tabIndex={0} role="group" aria-label="Decrypted handshake messages">
        {messages.map((m, i) => (
          <table key={i}>
            <caption>{m.typeName}</caption>
            <thead>
              <tr><th scope="col">Field</th><th scope="col">Value</th><th scope="col">What it means</th></tr>
            </thead>
            <tbody>
              {m.fields.map((f, j) => (
                <tr key={j}>
                  <th scope="row">{f.label}</th>
                  <td className="observer-hs-value" {...(f.value.length > 96 ? { title: f.value } : {})}>{shorten(f.value)}</td>
                  <td>{f.explanation ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </>
  );
}

/** "View as": exactly what one observer could decode from this packet, with the keys it really holds. */
export function ObserverPanel({ packet, viewAs, eavesdroppers, onViewAs }: ObserverPanelProps) {
  const onPath = observersOf(packet, eavesdroppers).includes(viewAs);
  const view = packet.views[viewAs];
  const isEve = viewAs === 'eve-internet' || viewAs === 'eve-internal';
  const content = useContent();
  const facts = view && content ? content.handshakeFactsText(view) : [];
  let body;
  if (!onPath) {
    body = <p>{isEve && !eavesdroppers ? 'The eavesdroppers are switched off in the options.' : `${OBSERVER_LABELS[viewAs]} is not on this packet's path (${packet.from} → ${packet.to}, ${packet.link} link): it never sees it.`}</p>;
  } else if (packet.payload.length === 0 || !view) {
    body = <p>Only the TCP/IP header: {packet.src.ip}:{packet.src.port} → {packet.dst.ip}:{packet.dst.port}, flags {packet.flags.join('+')}. There is no payload to decode.</p>;
  } else {
    body = (
      <>
        <p><ReadabilityBadge view={view} /></p>
        <p className="observer-reason">Why: {content ? content.viewReasonText(view.reason) : '…'}</p>
        {facts.length > 0 && (
          <>
            <h4>Handshake facts it reads</h4>
            <ul>{facts.map((f, i) => <li key={i}>{f}</li>)}</ul>
          </>
        )}
        {view.decryptedHandshake && view.decryptedHandshake.length > 0 && <DecryptedHandshake messages={view.decryptedHandshake} />}
        {view.readability === 'plaintext' && view.plaintext ? (
          <>
            <h4>What it decodes</h4>
            <pre className="observer-plaintext" data-testid="observer-plaintext" tabIndex={0} role="group" aria-label="Decoded text">{printable(view.plaintext)}</pre>
          </>
        ) : view.readability === 'encrypted' ? (
          <>
            <h4>What it sees: ciphertext</h4>
            <pre className="observer-ciphertext" data-testid="observer-ciphertext" tabIndex={0} role="group" aria-label="Ciphertext bytes">{ciphertextOf(packet)}</pre>
          </>
        ) : null}
      </>
    );
  }
  return (
    <div className="observer-panel">
      <label className="view-as">
        <span>View as</span>
        <select value={viewAs} onChange={(e) => onViewAs(e.currentTarget.value as ObserverId)}>
          {OBSERVERS.map((o) => <option key={o} value={o}>{OBSERVER_LABELS[o]}</option>)}
        </select>
      </label>
      <div className="observer-result" aria-live="polite">{body}</div>
    </div>
  );
}
