import { PROTOCOL } from '../../sim/index';
import { useContent } from '../useContent';

/** Says plainly what runs, what TLS 1.2/1.3 change, and what is simplified (the engine's protocol note). */
export function ProtocolNote() {
  const content = useContent();
  const note = content?.PROTOCOL_NOTE;
  return (
    <section className="protocol-note panel" aria-labelledby="protocol-heading">
      <h2 id="protocol-heading">About the protocol</h2>
      <p>
        <strong>Real TLS, old version:</strong> {note?.whatRuns ?? `every handshake and record here is produced by ${PROTOCOL.implementation} running ${PROTOCOL.name} with ${PROTOCOL.keyExchange} and ${PROTOCOL.cipherSuite}.`}
      </p>
      {note && (
        <>
          <details>
            <summary>What TLS 1.2 and 1.3 change</summary>
            <ul>{note.whatTls12And13Change.map((t, i) => <li key={i}>{t}</li>)}</ul>
          </details>
          <details>
            <summary>What the simulation simplifies</summary>
            <ul>{note.simplifications.map((t, i) => <li key={i}>{t}</li>)}</ul>
          </details>
        </>
      )}
    </section>
  );
}
