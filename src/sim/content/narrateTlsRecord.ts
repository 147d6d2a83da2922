/**
 * Which narrator tells a TLS record: by version (TLS 1.3 has its own flow) and by what the record holds. Its own
 * module so the per-version narrators can share narrateTls.ts's helpers without an import cycle.
 */
import type { SegmentSentEvent } from '../core/events';
import type { Mode, TlsProtocol } from '../scenarios/types';
import type { Dissected } from './dissect';
import type { Narration } from './narration';
import { applicationData, cleartextAlert, encryptedAlert, finished, TLS11_HANDSHAKE, type ClassicHandshake } from './narrateTls';
import { TLS12_HANDSHAKE } from './narrateTls12';
import { narrateTls13 } from './narrateTls13';
import { readersSentence } from './readers';
import { sentences } from './text';

export function narrateTls(e: SegmentSentEvent, mode: Mode, d: Dissected, protocol: TlsProtocol): Narration {
  if (protocol === 'tls1.3') return narrateTls13(e, mode, d);
  const version = protocol === 'tls1.2' ? 'TLS 1.2' : 'TLS';
  const handshake: ClassicHandshake = protocol === 'tls1.2' ? TLS12_HANDSHAKE : TLS11_HANDSHAKE;
  const hs = new Set(d.handshakes);
  if (hs.has('client_hello')) return handshake.clientHello(e, mode, d);
  if (hs.has('server_hello') || hs.has('server_key_exchange') || (hs.has('certificate') && e.direction === 's2c')) return handshake.serverFlight(e, mode, d);
  if (hs.has('client_key_exchange')) return handshake.clientKeyExchange(e, mode, d);
  if (d.alerts.length > 0) return cleartextAlert(e, mode, d);
  if (d.changeCipherSpec || d.encryptedHandshake) return finished(e, mode, protocol);
  if (d.appDataRecords > 0) return applicationData(e, mode, d, protocol);
  if (d.encryptedAlert) return encryptedAlert(e, mode);
  return {
    headline: `${version} handshake message: ${d.handshakes.join(', ') || 'unrecognised record'}`,
    detail: sentences(`A ${version} record this lab does not normally send.`, readersSentence(e.views)),
    glossary: ['record'],
  };
}
