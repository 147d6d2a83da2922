/**
 * What a packet looks like on the wire to anyone on its link, without keys: the icon, the words and the colour
 * class the topology, the ladder and the inspector use (never colour alone: WCAG 1.4.1). Taken from the keyless
 * dissection the engine attached to the packet (its layers).
 */
import type { SegmentSentEvent } from '../../sim/index';

export type WireKind = 'control' | 'cleartext' | 'handshake' | 'encrypted';

export interface WireLook {
  readonly kind: WireKind;
  /** "TLS record, encrypted", "HTTP, cleartext", "TCP SYN, no payload". */
  readonly text: string;
  /** Icon name: lock, open lock, or none for control segments. */
  readonly icon: 'lock' | 'unlock' | 'none';
}

const looks = new WeakMap<SegmentSentEvent, WireLook>();

export function wireLook(packet: SegmentSentEvent): WireLook {
  const cached = looks.get(packet);
  if (cached) return cached;
  const look = computeLook(packet);
  looks.set(packet, look);
  return look;
}

function computeLook(packet: SegmentSentEvent): WireLook {
  if (packet.payload.length === 0) return { kind: 'control', text: `TCP ${packet.flags.join('+')}, no payload`, icon: 'none' };
  const layers = packet.layers;
  const proxy = layers.some((l) => l.kind === 'proxy') ? 'PROXY header + ' : '';
  if (layers.some((l) => l.kind === 'http')) return { kind: 'cleartext', text: `${proxy}HTTP, cleartext`, icon: 'unlock' };
  const tls = layers.filter((l) => l.kind === 'tls');
  const partial = layers.some((l) => l.kind === 'data' && l.facts.partialTlsRecord);
  if (tls.some((l) => l.kind === 'tls' && l.encrypted) || (partial && tls.length === 0)) {
    const mixed = tls.some((l) => l.kind === 'tls' && !l.encrypted);
    return { kind: 'encrypted', text: `${proxy}${mixed ? 'TLS records, partly encrypted' : 'TLS record, encrypted'}`, icon: 'lock' };
  }
  if (tls.length > 0) return { kind: 'handshake', text: `${proxy}TLS handshake, cleartext`, icon: 'unlock' };
  if (proxy) return { kind: 'cleartext', text: 'PROXY header, cleartext', icon: 'unlock' };
  const continued = layers.some((l) => l.kind === 'data' && l.facts.httpContinued === true);
  return { kind: 'cleartext', text: continued ? 'rest of the HTTP message, cleartext' : 'bytes without encryption', icon: 'unlock' };
}
