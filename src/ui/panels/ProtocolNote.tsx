import { PROTOCOLS, type ProtocolFacts, type ProtocolNote as Note, type TlsProtocol } from '../../sim/index';
import type { Content } from '../../state/content';
import { effectiveOptions } from '../../state/derive/effectiveOptions';
import { selectCurrentRun, selectMode, selectOptionOverrides, selectScenario } from '../../state/selectors';
import { useContent } from '../useContent';
import { useDeferredSim } from '../useDeferredSim';
import { useSim } from '../SimContext';

/**
 * The note for the version that ran: the content's per-version notes when the content has them, else the legacy
 * note, which describes TLS 1.1 only and so is never shown for another version.
 */
export function noteFor(content: Content | null, protocol: TlsProtocol): Note | null {
  const notes = (content as { PROTOCOL_NOTES?: Partial<Record<TlsProtocol, Note>> } | null)?.PROTOCOL_NOTES;
  return notes?.[protocol] ?? (protocol === 'tls1.1' ? content?.PROTOCOL_NOTE ?? null : null);
}

/** What ran, in one sentence built from the engine's facts about the version it ran. */
export function whatRan(facts: ProtocolFacts): string {
  return `Every handshake and record here is produced by ${facts.implementation} running ${facts.name} with ${facts.keyExchange} and ${facts.cipherSuite}.`;
}

/** Says plainly what runs (the version of the current run), what newer versions change, and what is simplified. */
export function ProtocolNote() {
  const run = useDeferredSim(selectCurrentRun);
  const scenario = useSim(selectScenario);
  const mode = useSim(selectMode);
  const overrides = useSim(selectOptionOverrides);
  const facts = run?.timeline.protocol ?? PROTOCOLS[effectiveOptions(scenario, mode, overrides).protocol];
  const content = useContent();
  const note = noteFor(content, facts.id);
  const obsolete = facts.id === 'tls1.1';
  return (
    <section className="protocol-note panel" aria-labelledby="protocol-heading">
      <h2 id="protocol-heading">About the protocol: {facts.name}</h2>
      <p data-testid="protocol-what-runs">
        <strong>{obsolete ? 'Real TLS, obsolete version:' : `Real ${facts.name}:`}</strong> {note?.whatRuns ?? whatRan(facts)}
      </p>
      {obsolete && (
        <p className="protocol-obsolete">
          <strong>TLS 1.1 is obsolete.</strong> RFC 8996 deprecated TLS 1.0 and 1.1 in 2021 and browsers refuse them: choose TLS 1.3 above to
          see what a load balancer meets today.
        </p>
      )}
      <dl className="protocol-facts">
        <dt>Key exchange</dt><dd>{facts.keyExchange}</dd>
        <dt>Cipher suite</dt><dd>{facts.cipherSuite}</dd>
        <dt>Forward secrecy</dt><dd>{facts.forwardSecrecy ? 'yes: a stolen server key opens no recorded session' : 'no: whoever gets the server key later decrypts every recorded session'}</dd>
        <dt>Server certificate on the wire</dt><dd>{facts.certificateInClear ? 'in the clear (a passthrough LB and a tap read it)' : 'encrypted (only the SNI and ALPN stay readable)'}</dd>
      </dl>
      {note && (
        <>
          <details>
            <summary>{obsolete ? 'What TLS 1.2 and 1.3 change' : 'How it differs from the other versions'}</summary>
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
