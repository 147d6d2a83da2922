/**
 * How much cryptographic work each node did in a run, counted rather than timed: counts are the same on every
 * load and every machine, while milliseconds swing with the browser's warm-up and load (a learner comparing
 * 72 ms with 39 ms would draw the wrong conclusion).
 *
 * Records come from the event log: every protected record a node sent on a connection where it is a TLS end is
 * an encryption, every one it received there a decryption (a passthrough LB relays records on connections where
 * it has no session, so it counts none). The handshake's public-key operations follow from each completed
 * session end, its role and its key exchange (RFC 5246 §7.4 for RSA key transport and ECDHE_RSA, RFC 8446 §4.4.3
 * for TLS 1.3's CertificateVerify).
 */
import type { SegmentSentEvent, SimEvent } from '../core/events';
import type { NodeId } from '../net/topology';
import type { SessionRecord } from './context';

export interface CryptoWork {
  /** TLS handshakes this node completed as one of the two ends. */
  readonly handshakes: number;
  /** Operations with a private key (signing, or RSA-decrypting the client's premaster secret): the costly ones. */
  readonly privateKeyOperations: number;
  /** Ephemeral key exchanges (ECDHE): each end makes a key share and combines it with the other's. */
  readonly keyExchanges: number;
  /** Signatures checked with a public key (the peer's handshake signature; certificate chains not counted). */
  readonly signatureChecks: number;
  readonly recordsEncrypted: number;
  readonly recordsDecrypted: number;
  /** Ciphertext bytes (record fragments) the node encrypted and decrypted. */
  readonly bytesEncrypted: number;
  readonly bytesDecrypted: number;
}

const NONE: CryptoWork = {
  handshakes: 0, privateKeyOperations: 0, keyExchanges: 0, signatureChecks: 0, recordsEncrypted: 0, recordsDecrypted: 0, bytesEncrypted: 0, bytesDecrypted: 0,
};

/** RSA key transport (TLS_RSA_WITH_...): no ephemeral exchange, the server decrypts with its private key. */
const rsaKeyTransport = (cipherSuite: string): boolean => cipherSuite.startsWith('TLS_RSA_');

interface HandshakeWork { privateKeyOperations: number; keyExchanges: number; signatureChecks: number }

/** One completed session end's public-key work; `mutual` when the client sent a certificate (and proved its key). */
function handshakeWork(session: SessionRecord, mutual: boolean): HandshakeWork {
  const server = session.role === 'server';
  if (rsaKeyTransport(session.cipherSuite)) {
    // The client encrypts the premaster secret to the server's public key; the server decrypts it.
    return { privateKeyOperations: (server ? 1 : 0) + (!server && mutual ? 1 : 0), keyExchanges: 0, signatureChecks: server && mutual ? 1 : 0 };
  }
  // ECDHE_RSA (1.2) and TLS 1.3: both ends exchange keys; the server signs, the client checks (and the reverse with mTLS).
  return {
    privateKeyOperations: server || mutual ? 1 : 0,
    keyExchanges: 1,
    signatureChecks: !server || mutual ? 1 : 0,
  };
}

export function cryptoWork(events: readonly SimEvent[], sessions: readonly SessionRecord[]): ReadonlyMap<NodeId, CryptoWork> {
  const work = new Map<NodeId, { -readonly [K in keyof CryptoWork]: number }>();
  const of = (node: NodeId) => {
    let w = work.get(node);
    if (!w) work.set(node, (w = { ...NONE }));
    return w;
  };
  const ends = new Set(sessions.map((s) => `${s.node}|${s.connectionId}`));
  const mutualRandoms = new Set(events.flatMap((e) => (e.type === 'tls.handshakeCompleted' && e.detail.peer === 'client' && e.detail.peerCertificate !== null ? [e.detail.clientRandomHex] : [])));
  for (const session of sessions) {
    if (!session.established) continue;
    const w = of(session.node);
    const h = handshakeWork(session, mutualRandoms.has(session.clientRandomHex));
    w.handshakes++;
    w.privateKeyOperations += h.privateKeyOperations;
    w.keyExchanges += h.keyExchanges;
    w.signatureChecks += h.signatureChecks;
  }
  for (const e of events) {
    if (e.type !== 'tcp.segmentSent') continue;
    const records = protectedRecords(e);
    if (records.length === 0) continue;
    const bytes = records.reduce((sum, n) => sum + n, 0);
    if (ends.has(`${e.from}|${e.connectionId}`)) {
      const w = of(e.from);
      w.recordsEncrypted += records.length;
      w.bytesEncrypted += bytes;
    }
    if (ends.has(`${e.to}|${e.connectionId}`)) {
      const w = of(e.to);
      w.recordsDecrypted += records.length;
      w.bytesDecrypted += bytes;
    }
  }
  return work;
}

/** The fragment lengths of the protected records in one segment. */
function protectedRecords(segment: SegmentSentEvent): number[] {
  return segment.layers.flatMap((layer) => (layer.kind === 'tls' && layer.facts.encrypted ? [layer.facts.fragmentLength] : []));
}

export const NO_CRYPTO_WORK = NONE;
