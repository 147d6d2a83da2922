/**
 * The same request across the three modes, side by side: what each observer made of the packets that carried
 * it, where it went, what the backend believed about the client, and the WAF's verdict. All from each mode's run.
 */
import type { ObserverId, ObserverView, SimEvent, ViewReason } from '../../sim/index';
import { carriesAppData, detailNumber, detailString, isPacket, typeOf } from './events';
import { eventWords } from '../content';

export interface SeenAs {
  /** 'off' when there was no such observer (eavesdroppers switched off, or no packet on that link). */
  readonly readability: ObserverView['readability'] | 'off';
  /** Why (content words it); null when there was no such observer. */
  readonly reason: ViewReason | null;
}

export interface RequestAcrossMode {
  readonly request: string;
  readonly internetEavesdropper: SeenAs;
  readonly loadBalancer: SeenAs;
  readonly internalEavesdropper: SeenAs;
  readonly backend: string | null;
  readonly clientIp: string | null;
  readonly waf: string | null;
  readonly status: string | null;
}

/** Index of every http.requestSent event: request r starts there. */
export function requestStarts(events: readonly SimEvent[]): number[] {
  const out: number[] = [];
  events.forEach((e, i) => {
    if (typeOf(e) === 'http.requestSent') out.push(i);
  });
  return out;
}

/** The request in progress at `step` (0 before the first one starts). */
export function requestAt(events: readonly SimEvent[], step: number): number {
  const starts = requestStarts(events);
  let r = 0;
  starts.forEach((s, i) => {
    if (s <= step) r = i;
  });
  return r;
}

function seen(events: readonly SimEvent[], from: number, to: number, link: 'internet' | 'internal', observer: ObserverId, leaving: 'client' | 'lb'): SeenAs {
  for (let i = from; i < to; i++) {
    const e = events[i];
    // Handshake packets of a new connection come first; the request itself travels in application data.
    if (!isPacket(e) || e.link !== link || e.from !== leaving || e.direction !== 'c2s' || !carriesAppData(e)) continue;
    const view = e.views[observer];
    if (view) return { readability: view.readability, reason: view.reason };
  }
  return { readability: 'off', reason: null };
}

export function requestAcrossMode(events: readonly SimEvent[], r: number): RequestAcrossMode | null {
  const starts = requestStarts(events);
  const start = starts[r];
  if (start === undefined) return null;
  const end = starts[r + 1] ?? events.length;
  const sent = events[start]!;
  const within = events.slice(start, end);
  const handled = within.find((e) => typeOf(e) === 'http.requestHandled');
  const verdict = within.find((e) => typeOf(e).startsWith('waf.'));
  const response = within.find((e) => typeOf(e) === 'http.responseReceived');
  const ip = handled && detailString(handled, 'clientIp');
  const source = handled && detailString(handled, 'clientIpSource');
  return {
    request: `${detailString(sent, 'method') ?? ''} ${detailString(sent, 'target') ?? ''}`.trim(),
    internetEavesdropper: seen(events, start, end, 'internet', 'eve-internet', 'client'),
    loadBalancer: seen(events, start, end, 'internet', 'lb', 'client'),
    internalEavesdropper: seen(events, start, end, 'internal', 'eve-internal', 'lb'),
    backend: handled && !isPacket(handled) ? handled.node : null,
    clientIp: ip ? `${ip}${source ? ` (${source})` : ''}` : null,
    waf: verdict && !isPacket(verdict) ? eventWords(verdict) : null,
    status: response ? String(detailNumber(response, 'status') ?? '?') : null,
  };
}
