/**
 * Narration: one headline, a few sentences and a note on what the mode changes, for every event of a run.
 * Everything said about a packet comes from the packet itself: its flags, its dissected layers and the
 * per-observer views the visibility pass computed with the keys each observer really holds.
 */
import type { SimEvent } from '../core/events';
import type { Mode, TlsProtocol } from '../scenarios/types';
import type { GlossaryId } from './glossary';
import { narrateLbEvent } from './narrateLb';
import { narrateNote } from './narrateNotes';
import { narrateSegment } from './narrateSegment';
import { headline, shown } from './text';

export interface Narration {
  /** At most 80 characters, plain text. */
  readonly headline: string;
  /** One to three plain sentences: what happened. */
  readonly detail: string;
  /** Why it matters in this mode; absent when the mode changes nothing. */
  readonly modeNote?: string;
  /** Terms worth a tooltip, most relevant first. */
  readonly glossary: readonly GlossaryId[];
}

/**
 * Explains one event of a run: what happened, and why it matters in this mode. `protocol` is the run's TLS
 * version (`timeline.protocol.id`); pass it: without it a packet is judged by its own bytes, which cannot tell a
 * TLS 1.3 data record from a TLS 1.2 one.
 */
export function narrate(event: SimEvent, mode: Mode, protocol?: TlsProtocol): Narration {
  return finish(dispatch(event, mode, protocol));
}

function dispatch(event: SimEvent, mode: Mode, protocol: TlsProtocol | undefined): Narration {
  switch (event.type) {
    case 'tcp.segmentSent':
      return narrateSegment(event, mode, protocol);
    case 'lb.sniRead':
    case 'lb.serverHandshakeSeen':
    case 'lb.routed':
    case 'lb.headerAdded':
    case 'lb.proxyHeaderSent':
    case 'lb.backendRejected':
    case 'lb.cacheHit':
    case 'lb.cacheStored':
    case 'lb.compressed':
    case 'lb.redirected':
    case 'waf.inspected':
    case 'waf.blocked':
    case 'waf.notInspected':
    case 'waf.rateLimited':
      return narrateLbEvent(event, mode);
    case 'dns.resolved':
    case 'tls.keysDerived':
    case 'tls.handshakeCompleted':
    case 'tls.alertSent':
    case 'tls.alertReceived':
    case 'http.requestSent':
    case 'http.requestHandled':
    case 'http.responseReceived':
    case 'parse.failed':
    case 'tcp.connectionRefused':
    case 'client.gaveUp':
      return narrateNote(event, mode, protocol);
    default:
      return unreachable(event);
  }
}

/** A new event type is a compile error here until it is narrated. */
function unreachable(event: never): Narration {
  const type = (event as { type?: unknown }).type;
  return { headline: 'An event this version does not describe', detail: `An event of type ${shown(String(type), 40)} happened.`, glossary: [] };
}

/** The length and uniqueness rules, applied once for every narrator. */
function finish(n: Narration): Narration {
  const glossary = [...new Set(n.glossary)];
  return {
    headline: headline(n.headline),
    detail: n.detail.trim(),
    ...(n.modeNote && n.modeNote.trim() ? { modeNote: n.modeNote.trim() } : {}),
    glossary,
  };
}
