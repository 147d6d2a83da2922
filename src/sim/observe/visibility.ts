/**
 * Who can read each packet. Every observer that can see a link gets the keyring it really holds (private keys
 * placed on that node in this mode, and the secrets of TLS sessions it took part in) and the passive decoder
 * tries to read the connection with it. The result is whatever that attempt produced.
 */
import { bytesToText } from '../core/bytes';
import type { SegmentSentEvent } from '../core/events';
import type { ObserverView } from '../core/views';
import { EAVESDROPPER_ON, type NodeId, type ObserverId } from '../net/topology';
import type { SessionRecord } from '../run/context';
import type { KeyPlacement } from '../run/keyPlacement';
import { decodeConnection, type ChunkReading, type Keyring } from '../tls/passiveDecoder';
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
    return {
      observer,
      readability: completed.readability,
      handshakeFacts: [],
      reason: `first part of a TLS record that completes in a later segment; there: ${completed.reason}`,
    };
  }
  return { observer, readability: 'encrypted', handshakeFacts: [], reason: readings[index]!.note ?? 'an incomplete TLS record' };
}

function toView(observer: ObserverId, reading: ChunkReading): ObserverView {
  if (reading.kind === 'cleartext') {
    return {
      observer, readability: 'plaintext', plaintext: reading.plaintext ? bytesToText(reading.plaintext) : '',
      handshakeFacts: [], reason: 'cleartext on the wire: no key is needed to read it',
    };
  }
  const facts = reading.records.filter((r) => r.status === 'cleartext' && r.detail).map((r) => r.detail!);
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
      handshakeFacts: facts, reason: decrypted[0]!.reason, ...inner,
    };
  }
  if (opaque.length > 0) return { observer, readability: 'encrypted', handshakeFacts: facts, reason: opaque[0]!.reason, ...inner };
  if (reading.records.length > 0) {
    const decryptedHandshake = reading.records.find((r) => r.status === 'decrypted');
    return {
      observer, readability: decryptedHandshake ? 'plaintext' : 'handshake-only',
      handshakeFacts: [...facts, ...reading.records.filter((r) => r.status === 'decrypted' && r.detail).map((r) => `${r.detail} (decrypted)`)],
      // The decoder's own words: before ChangeCipherSpec in TLS <= 1.2, only the hellos in TLS 1.3.
      reason: decryptedHandshake?.reason ?? reading.records.find((r) => r.status === 'cleartext')?.reason ?? 'handshake messages travel in cleartext',
      ...inner,
    };
  }
  return { observer, readability: 'encrypted', handshakeFacts: [], reason: reading.note ?? 'no complete record in this segment' };
}
