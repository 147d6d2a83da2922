import { PROTOCOL } from '../sim/index';

/** Says plainly what runs and what is simplified (Standards: honest labels). */
export function ProtocolNote() {
  return (
    <aside className="protocol-note" aria-label="About the protocol">
      <p>
        <strong>Real TLS, old version:</strong> every handshake and record here is produced by {PROTOCOL.implementation}{' '}
        running {PROTOCOL.name} with {PROTOCOL.keyExchange} and {PROTOCOL.cipherSuite}. Browsers today use TLS 1.3 with
        ECDHE key exchange (forward secrecy) and an encrypted certificate; the load-balancer lessons are the same, and
        the differences are pointed out where they matter.
      </p>
      <p>
        <strong>Simplified:</strong> TCP is modelled without loss, retransmission or window sizes, and pure
        acknowledgements for data are folded into the next segment.
      </p>
    </aside>
  );
}
