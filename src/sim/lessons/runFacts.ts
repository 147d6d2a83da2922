/** Small readers of a run's facts that the questions share: requests by reference, who read what, where. */
import type { SegmentSentEvent } from '../core/events';
import { indexed } from '../core/eventIndex';
import type { ObserverId } from '../net/topology';
import type { Timeline } from '../run/runScenario';
import type { RequestRef } from './types';

/** The one of `items` the reference means (its first or last match), or undefined. */
export function pick<T>(items: readonly T[], ref: RequestRef, fields: (item: T) => { target: string; method?: string; host?: string }): T | undefined {
  const found = items.filter((item) => {
    const f = fields(item);
    return f.target.startsWith(ref.target) && (ref.method === undefined || f.method === ref.method) && (ref.host === undefined || f.host === undefined || f.host === ref.host);
  });
  return ref.which === 'last' ? found.at(-1) : found[0];
}

/** The client's request the reference means: its index among the requests sent, and where it was sent. */
export function requestSent(timeline: Timeline, ref: RequestRef): { index: number; step: number } | undefined {
  const sent = pick(indexed(timeline.events, 'http.requestSent'), ref, ({ event }) => event.detail);
  return sent ? { index: sent.event.detail.index, step: sent.index } : undefined;
}

/**
 * The request target an event names, without the method the WAF's notes put in front of it ("GET /search?q=...").
 */
export const pathOf = (target: string): string => target.replace(/^[A-Z]+ (?=\/)/, '');

/** The secrets a question can ask about, as they appear in a request's bytes. */
export const SECRET_PATTERNS = {
  password: /password=/,
  cookie: /^cookie:/im,
  request: /^[A-Z]+ \S+ HTTP\/1\.[01]/m,
} as const;

export type Secret = keyof typeof SECRET_PATTERNS;

/** Did this observer recover the secret from this packet? */
export function reads(packet: SegmentSentEvent, observer: ObserverId, secret: Secret): boolean {
  const view = packet.views[observer];
  return view?.readability === 'plaintext' && SECRET_PATTERNS[secret].test(view.plaintext ?? '');
}

/** The observers the run had: the five nodes, and the two taps when they were switched on. */
export function observersOf(timeline: Timeline): ObserverId[] {
  const nodes: ObserverId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3'];
  return timeline.options.eavesdroppers ? [...nodes, 'eve-internet', 'eve-internal'] : nodes;
}
