/**
 * What anyone tapping a link can read in this run, from the keyless dissection of every packet that crossed it
 * (the engine's layers): the label on each link of the topology.
 */
import type { LinkId, SimEvent } from '../../sim/index';
import { clientAddresses, isPacket } from './events';

export interface LinkSummary {
  readonly kind: 'cleartext' | 'encrypted' | 'handshake' | 'idle';
  /** "HTTP, cleartext: requests, cookies and bodies readable". */
  readonly text: string;
}

const cache = new WeakMap<readonly SimEvent[], Readonly<Record<LinkId, LinkSummary>>>();

function summarize(events: readonly SimEvent[], link: LinkId): LinkSummary {
  const clients = clientAddresses(events);
  let http = false;
  let encrypted = false;
  let sni = false;
  let outerSniOnly = false;
  let certificate = false;
  let clientIp = false;
  let any = false;
  for (const e of events) {
    if (!isPacket(e) || e.link !== link) continue;
    any = true;
    if (clients.has(e.src.ip) || clients.has(e.dst.ip)) clientIp = true;
    for (const layer of e.layers) {
      if (layer.kind === 'http') http = true;
      if (layer.kind === 'proxy') clientIp = true;
      if (layer.kind === 'tls' && layer.encrypted) encrypted = true;
      if (layer.kind === 'data' && layer.facts.partialTlsRecord) encrypted = true;
      if (layer.kind !== 'tls') continue;
      if (layer.facts.sni !== null) sni = true;
      // With ECH the name on the wire is the outer, public one: say so rather than promise the real SNI.
      if (layer.facts.messages.some((m) => m.type === 'client_hello' && m.encryptedClientHello)) outerSniOnly = true;
      if (layer.facts.messages.some((m) => m.type === 'certificate')) certificate = true;
    }
  }
  if (!any) return { kind: 'idle', text: 'no traffic in this run' };
  const readable = [sni && 'SNI', !sni && outerSniOnly && 'outer (public) SNI', certificate && 'certificate', clientIp && 'client IP'].filter(Boolean).join(', ');
  if (http) return { kind: 'cleartext', text: `HTTP, cleartext: requests, cookies and bodies readable${clientIp ? ', client IP too' : ''}` };
  if (encrypted) return { kind: 'encrypted', text: `TLS, encrypted: only ${readable || 'the TCP/IP headers'} readable` };
  return { kind: 'handshake', text: `TLS handshake only: ${readable || 'TCP/IP headers'} readable` };
}

export function linkSummaries(events: readonly SimEvent[]): Readonly<Record<LinkId, LinkSummary>> {
  const cached = cache.get(events);
  if (cached) return cached;
  const out = { internet: summarize(events, 'internet'), internal: summarize(events, 'internal') };
  cache.set(events, out);
  return out;
}
