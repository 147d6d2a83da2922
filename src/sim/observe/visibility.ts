/**
 * Who can read each packet. Every observer that can see a link gets the keyring it really holds (private keys
 * placed on that node in this mode, and the secrets of TLS sessions it took part in) and the passive decoder
 * tries to read the connection with it. The result is whatever that attempt produced.
 */
import { bytesToText } from '../core/bytes';
import type { SegmentSentEvent } from '../core/events';
import { NO_HANDSHAKE, type ObserverView, type ViewHandshake } from '../core/views';
import { EAVESDROPPER_ON, type NodeId, type ObserverId } from '../net/topology';
import type { SessionRecord } from '../run/context';
import type { KeyPlacement } from '../tls/keyPlacement';
import { decodeConnection, type ChunkReading, type Keyring, type RecordReading } from './decoder/passiveDecoder';
import type { LabPki } from '../tls/pki';
import { privateKeyPem } from '../tls/pki';

export interface KeyringSources {
  readonly sessions: readonly SessionRecord[];
  readonly keyPlacement: KeyPlacement;
  readonly pki: LabPki;
  readonly eavesdroppers: boolean;
  /** The eavesdroppers hold the site's private key (Faults.stolenSiteKey). */
  readonly stolenSiteKey?: boolean;
}

/**
 * The keys `observer` really holds. An eavesdropper keeps no sessions; with a stolen site key it holds that key,
 * which reads TLS 1.1 (RSA key transport) and nothing under ECDHE / TLS 1.3. A node keeps the secrets of the
 * sessions it was an end of (the key log: master secret, and for TLS 1.3 the four traffic secrets).
 */
export function keyringOf(observer: ObserverId, sources: KeyringSources): Keyring {
  if (observer === 'eve-internet' || observer === 'eve-internal') {
    return { privateKeysPem: sources.stolenSiteKey ? [privateKeyPem(sources.pki, 'site')] : [], sessions: [] };
  }
  const node: NodeId = observer;
  return {
    privateKeysPem: sources.keyPlacement[node].map((held) => privateKeyPem(sources.pki, held.key)),
    sessions: sources.sessions
      // A TLS 1.3 end that aborted after deriving its handshake keys still read the records protected by them.
      .filter((s) => s.node === node && (s.established || s.tls13Secrets !== undefined))
      .map((s) => ({
        clientRandomHex: s.clientRandomHex, masterSecretHex: s.masterSecretHex, serverRandomHex: s.serverRandomHex,
        ...(s.tls13Secrets ? { tls13Secrets: { ...s.tls13Secrets } } : {}),
      })),
  };
}

/** Views of every data segment of one TCP connection, for each observer of its link. */
export function viewConnection(segments: readonly SegmentSentEvent[], sources: KeyringSources): Map<SegmentSentEvent, Partial<Record<ObserverId, ObserverView>>> {
  const data = segments.filter((s) => s.payload.length > 0);
  const out = new Map<SegmentSentEvent, Partial<Record<ObserverId, ObserverView>>>(data.map((s) => [s, {}]));
  const first = segments[0];
  if (!first) return out;
  const observers: ObserverId[] = [first.from, first.to];
  if (sources.eavesdroppers) observers.push(EAVESDROPPER_ON[first.link]);
  const chunks = data.map((s) => ({ direction: s.direction, bytes: s.payload }));
  for (const observer of observers) {
    const readings = decodeConnection(chunks, keyringOf(observer, sources));
    readings.forEach((reading, i) => {
      const segment = data[i]!;
      out.get(segment)![observer] = reading.kind === 'tls' && reading.records.length === 0
        ? continuationView(observer, readings, i, chunks)
        : toView(observer, reading);
    });
  }
  return out;
}

/**
 * A segment that carries only the start of a record (a record larger than one MSS): the observer's verdict is the
 * one it reaches when the record completes, minus the plaintext, which belongs to the completing segment.
 */
function continuationView(observer: ObserverId, readings: readonly ChunkReading[], index: number, chunks: readonly { direction: string }[]): ObserverView {
  for (let j = index + 1; j < readings.length; j++) {
    const later = readings[j]!;
    if (chunks[j]!.direction !== chunks[index]!.direction || later.records.length === 0) continue;
    const completed = toView(observer, later);
    return { observer, readability: completed.readability, handshake: NO_HANDSHAKE, reason: { code: 'partial-record', completesWith: completed.reason } };
  }
  return { observer, readability: 'encrypted', handshake: NO_HANDSHAKE, reason: readings[index]!.note ?? { code: 'no-complete-record' } };
}

/** The handshake facts of the records this observer read in the clear, and of the handshake records it decrypted. */
function handshakeOf(records: readonly RecordReading[], withDecrypted: boolean): ViewHandshake {
  const cleartext = records.filter((r) => r.status === 'cleartext');
  const tls = cleartext.flatMap((r) => (r.record ? [r.record] : []));
  const decrypted = withDecrypted ? records.flatMap((r) => (r.status === 'decrypted' && r.decrypted ? [r.decrypted] : [])) : [];
  const sni = tls.find((f) => f.sni)?.sni;
  const echOuterName = tls.find((f) => f.echOuterName)?.echOuterName;
  const certificateSubject = tls.find((f) => f.certificateSubject)?.certificateSubject
    ?? decrypted.flatMap((c) => (c.type === 'handshake' && c.certificateSubject ? [c.certificateSubject] : []))[0];
  return {
    records: tls, proxyHeader: cleartext.some((r) => r.contentTypeName === 'proxy_protocol'), decrypted,
    ...(sni ? { sni } : {}), ...(echOuterName ? { echOuterName } : {}), ...(certificateSubject ? { certificateSubject } : {}),
  };
}

function toView(observer: ObserverId, reading: ChunkReading): ObserverView {
  if (reading.kind === 'cleartext') {
    return {
      observer, readability: 'plaintext', plaintext: reading.plaintext ? bytesToText(reading.plaintext) : '',
      handshake: NO_HANDSHAKE, reason: { code: 'cleartext-stream' },
    };
  }
  // The decrypted TLS 1.3 handshake messages of the records completing in this segment (a message split across
  // records is not reassembled: the decoder lists its first part with a note only).
  const messages = reading.records.flatMap((r) => (r.status === 'decrypted' && r.handshake13 ? r.handshake13 : []))
    .map(({ typeName, fields }) => ({ typeName, fields }));
  const inner = messages.length > 0 ? { decryptedHandshake: messages } : {};
  const appData = reading.records.filter((r) => r.contentTypeName === 'application_data');
  const decrypted = appData.filter((r) => r.status === 'decrypted');
  const opaque = reading.records.filter((r) => r.status === 'opaque');
  if (decrypted.length > 0) {
    return {
      observer, readability: 'plaintext',
      plaintext: decrypted.map((r) => (r.plaintext ? bytesToText(r.plaintext) : '')).join(''),
      handshake: handshakeOf(reading.records, false), reason: decrypted[0]!.reason, ...inner,
    };
  }
  if (opaque.length > 0) return { observer, readability: 'encrypted', handshake: handshakeOf(reading.records, false), reason: opaque[0]!.reason, ...inner };
  if (reading.records.length > 0) {
    const decryptedHandshake = reading.records.find((r) => r.status === 'decrypted');
    return {
      observer, readability: decryptedHandshake ? 'plaintext' : 'handshake-only',
      handshake: handshakeOf(reading.records, true),
      // The decoder's own reason: before ChangeCipherSpec in TLS <= 1.2, only the hellos in TLS 1.3.
      reason: decryptedHandshake?.reason ?? reading.records.find((r) => r.status === 'cleartext')?.reason ?? { code: 'cleartext-handshake' },
      ...inner,
    };
  }
  return { observer, readability: 'encrypted', handshake: NO_HANDSHAKE, reason: reading.note ?? { code: 'no-complete-record' } };
}
