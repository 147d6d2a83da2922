/**
 * "Who can read what" up to a step, from the run: for each observer, what it really recovered from the packets
 * it saw (the engine's per-observer views, the outcome of real decryption attempts) and what it saw only as
 * ciphertext. Nothing is looked up in a table.
 */
import { OBSERVER_LABELS, type ObserverId, type SegmentSentEvent, type SimEvent } from '../../sim/index';
import { carriesAppData, clientAddresses, isPacket } from './events';
import { clip, glanceHttp } from './httpText';

export const ITEMS = ['sni', 'certificate', 'headers', 'cookies', 'body', 'clientIp'] as const;
export type Item = (typeof ITEMS)[number];
export const ITEM_LABELS: Readonly<Record<Item, string>> = {
  sni: 'SNI', certificate: 'Certificate', headers: 'HTTP headers', cookies: 'Cookies', body: 'Body', clientIp: 'Client IP',
};

export type CellState = 'read' | 'encrypted' | 'absent';
export interface Cell {
  readonly state: CellState;
  /** What it read (clipped), or why not. */
  readonly text: string;
}

export const OBSERVERS = Object.keys(OBSERVER_LABELS) as ObserverId[];
const EAVESDROPPER_OF = { internet: 'eve-internet', internal: 'eve-internal' } as const;

/** Who can see this packet at all: its two ends and, when they are switched on, the tap on its link. */
export function observersOf(packet: SegmentSentEvent, eavesdroppers: boolean): ObserverId[] {
  return eavesdroppers ? [packet.from, packet.to, EAVESDROPPER_OF[packet.link]] : [packet.from, packet.to];
}

type Row = Record<Item, Cell>;

function emptyRow(seen: boolean): Row {
  const absent: Cell = { state: 'absent', text: seen ? 'not seen yet' : 'no packet reached it yet' };
  return { sni: absent, certificate: absent, headers: absent, cookies: absent, body: absent, clientIp: absent };
}

function proxySource(packet: SegmentSentEvent): string | undefined {
  for (const l of packet.layers) if (l.kind === 'proxy') return l.facts.sourceAddress;
  return undefined;
}

export function whoCanRead(events: readonly SimEvent[], upTo: number, eavesdroppers: boolean): Record<ObserverId, Row> {
  const clients = clientAddresses(events);
  const rows = {} as Record<ObserverId, Row>;
  const seen = new Set<ObserverId>();
  const requestBody = new Set<ObserverId>();
  for (const o of OBSERVERS) rows[o] = emptyRow(false);
  const read = (o: ObserverId, item: Item, text: string, keep = false): void => {
    if (keep && rows[o][item].state === 'read') return;
    rows[o][item] = { state: 'read', text: clip(text) };
  };
  const hidden = (o: ObserverId, item: Item, text: string): void => {
    if (rows[o][item].state !== 'read') rows[o][item] = { state: 'encrypted', text };
  };
  for (let i = 0; i <= Math.min(upTo, events.length - 1); i++) {
    const packet = events[i];
    if (!isPacket(packet)) continue;
    for (const o of observersOf(packet, eavesdroppers)) {
      if (!seen.has(o)) {
        seen.add(o);
        rows[o] = emptyRow(true);
      }
      // The IP header and a PROXY header are cleartext for everyone who sees the packet.
      const ip = [packet.src.ip, packet.dst.ip].find((a) => clients.has(a));
      if (ip) read(o, 'clientIp', `${ip} (IP header)`, true);
      const proxied = proxySource(packet);
      if (proxied) read(o, 'clientIp', `${proxied} (PROXY header)`, true);
      const view = packet.views[o];
      if (!view) continue;
      // With ECH the name on the wire is the outer, public one: that is the SNI this observer reads.
      const sni = view.handshake.sni ?? view.handshake.echOuterName;
      if (sni) read(o, 'sni', sni);
      if (view.handshake.certificateSubject) read(o, 'certificate', view.handshake.certificateSubject);
      if (view.readability === 'plaintext' && view.plaintext) {
        for (const message of glanceHttp(view.plaintext)) {
          read(o, 'headers', message.startLine);
          if (message.cookies[0]) read(o, 'cookies', message.cookies[0]);
          // The first request body it read stays (the login's password, say); a response body only fills a gap.
          if (message.body && message.isRequest && !requestBody.has(o)) {
            requestBody.add(o);
            read(o, 'body', message.body);
          } else if (message.body && !message.isRequest) read(o, 'body', `response: ${message.body}`, true);
          const xff = message.forwardedFor.find((v) => [...clients].some((c) => v.includes(c)));
          if (xff) read(o, 'clientIp', `${xff} (forwarding header)`, true);
        }
      } else if (view.readability === 'encrypted' && carriesAppData(packet)) {
        for (const item of ['headers', 'cookies', 'body'] as const) hidden(o, item, 'ciphertext only');
      }
    }
  }
  for (const o of seen) {
    if (rows[o].clientIp.state !== 'read') rows[o].clientIp = { state: 'absent', text: 'sees only the load balancer\'s address' };
  }
  return rows;
}
