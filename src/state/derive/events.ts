/**
 * Generic access to the engine's events. The engine keeps adding event types (WAF verdicts, caching, redirects);
 * the UI renders every non-packet event from its common fields (`node`, `detail`; words from the content's eventText) and reads the details
 * it knows about defensively, so a new event type never breaks the page.
 */
import type { SegmentSentEvent, SimEvent } from '../../sim/index';

export type NoteLike = Exclude<SimEvent, SegmentSentEvent>;

export function isPacket(event: SimEvent | undefined): event is SegmentSentEvent {
  return event?.type === 'tcp.segmentSent';
}

export function isNote(event: SimEvent | undefined): event is NoteLike {
  return event !== undefined && event.type !== 'tcp.segmentSent';
}

/** The event's type as a plain string, for comparisons with types this build of the UI may not know yet. */
export function typeOf(event: SimEvent): string {
  return event.type;
}

function detailRecord(event: SimEvent): Readonly<Record<string, unknown>> {
  if (!isNote(event)) return {};
  const detail: unknown = event.detail;
  return typeof detail === 'object' && detail !== null ? (detail as Record<string, unknown>) : {};
}

export function detailString(event: SimEvent, key: string): string | undefined {
  const value = detailRecord(event)[key];
  return typeof value === 'string' ? value : undefined;
}

export function detailNumber(event: SimEvent, key: string): number | undefined {
  const value = detailRecord(event)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function detailArray(event: SimEvent, key: string): readonly unknown[] {
  const value = detailRecord(event)[key];
  return Array.isArray(value) ? value : [];
}

/** Index of the last event at or before `index` that is a packet, or -1. */
export function packetAtOrBefore(events: readonly SimEvent[], index: number): number {
  for (let i = Math.min(index, events.length - 1); i >= 0; i--) if (isPacket(events[i])) return i;
  return -1;
}

/** The addresses the client(s) used on the internet link: the client IPs a backend should learn about. */
export function clientAddresses(events: readonly SimEvent[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const e of events) if (isPacket(e) && e.from === 'client') out.add(e.src.ip);
  return out;
}

/** Does an HTTP message start this text (a request line or a status line)? */
export const HTTP_START = /^(?:[A-Z]+ \S+ HTTP\/1\.[01]|HTTP\/1\.[01] \d{3})/m;

/**
 * Does this packet carry application data (an HTTP message, in clear or inside TLS records)? Up to TLS 1.2 the
 * record header says so; TLS 1.3 hides the content type from anyone without keys, so there the answer comes from
 * the ends of the session: some observer of the packet decrypted bytes of application data out of it.
 */
export function carriesAppData(packet: SegmentSentEvent): boolean {
  return packet.layers.some((l) =>
    l.kind === 'http'
    || (l.kind === 'tls' && l.facts.contentType === 'application_data' && !l.facts.innerTypeHidden)
    || (l.kind === 'data' && l.facts.partialTlsRecord))
    || (packet.layers.some((l) => l.kind === 'tls')
      && Object.values(packet.views).some((v) => v?.readability === 'plaintext' && (v.plaintext ?? '').length > 0));
}
