/**
 * Small helpers the narration shares: how nodes and observers are named in prose, how values that came from
 * outside the prose (a learner-edited path, a Host header, a cookie) are shown, and the length limits.
 *
 * Anything a learner or a packet could have chosen goes through `shown()`: control and bidi characters removed,
 * whitespace folded, length clipped, and wrapped in curly quotes so it always reads as a quoted value and never
 * as part of the sentence (or as markup, should a renderer ever be careless).
 */
import type { ObserverView, Readability } from '../core/views';
import type { NodeId, ObserverId } from '../net/topology';

export const HEADLINE_MAX = 80;

/** C0/C1 controls, zero-width and bidi-override characters: never copied into prose. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** A value from outside the prose, made safe to show: single line, printable, at most `max` characters. */
export function plain(value: string, max = 60): string {
  const cleaned = value.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  return cleaned.length > max ? `${cleaned.slice(0, Math.max(1, max - 1)).trimEnd()}…` : cleaned;
}

/** `plain()` in curly quotes: how every outside value appears in a sentence. */
export function shown(value: string, max = 60): string {
  return `“${plain(value, max)}”`;
}

/** A message quoted from elsewhere (an engine reason, a library error), without its own final full stop. */
export function said(value: string, max = 140): string {
  return shown(value.replace(/[.\s]+$/, ''), max);
}

/** A reason sentence from the engine, without its final full stop, so it can sit inside our own sentence. */
export function clause(value: string, max = 160): string {
  return plain(value, max).replace(/[.\s]+$/, '');
}

/** Headlines never exceed HEADLINE_MAX; a long quoted value is what gets cut. */
export function headline(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length <= HEADLINE_MAX ? one : `${one.slice(0, HEADLINE_MAX - 1).trimEnd()}…`;
}

/** An address as is when it looks like one (IPv4, IPv6, optional port), otherwise quoted like any outside value. */
export function address(value: string): string {
  return /^[0-9a-f.:[\]]{2,47}$/i.test(value) ? value : shown(value, 48);
}

/** A headline with one quoted outside value, clipped so that the words around it always survive. */
export function fitted(prefix: string, value: string, suffix = ''): string {
  const room = HEADLINE_MAX - prefix.length - suffix.length - 2;
  return `${prefix}${shown(value, Math.max(8, room))}${suffix}`;
}

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Joins sentences, dropping empty ones. */
export function sentences(...parts: ReadonlyArray<string | false | null | undefined>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join(' ');
}

/** Upper-cases the first letter of a sentence, except in a node id such as backend-1, which keeps its spelling. */
export function capitalize(text: string): string {
  if (text.length === 0 || /^backend-/.test(text)) return text;
  return text[0]!.toUpperCase() + text.slice(1);
}

const NODE_PROSE: Readonly<Record<NodeId, string>> = {
  client: 'the client',
  lb: 'the load balancer',
  'backend-1': 'backend-1',
  'backend-2': 'backend-2',
  'backend-3': 'backend-3',
};

const NODE_SHORT: Readonly<Record<NodeId, string>> = {
  client: 'Client',
  lb: 'LB',
  'backend-1': 'backend-1',
  'backend-2': 'backend-2',
  'backend-3': 'backend-3',
};

const OBSERVER_PROSE: Readonly<Record<ObserverId, string>> = {
  ...NODE_PROSE,
  'eve-internet': 'the eavesdropper on the internet link',
  'eve-internal': 'the eavesdropper on the internal network',
};

/** "the load balancer", "backend-2"; unknown ids (a node added later) are shown as quoted values. */
export function nodeName(node: string): string {
  return (NODE_PROSE as Readonly<Record<string, string>>)[node] ?? shown(node, 24);
}

/** Short form for headlines: "LB", "Client", "backend-2". */
export function nodeShort(node: string): string {
  return (NODE_SHORT as Readonly<Record<string, string>>)[node] ?? plain(node, 16);
}

/** Mid-headline form: "the client", "the LB", "backend-2". */
export function nodeRef(node: string): string {
  if (node === 'client') return 'the client';
  if (node === 'lb') return 'the LB';
  return nodeShort(node);
}

export function observerName(observer: string): string {
  return (OBSERVER_PROSE as Readonly<Record<string, string>>)[observer] ?? shown(observer, 24);
}

export function isBackend(node: string): boolean {
  return node === 'backend-1' || node === 'backend-2' || node === 'backend-3';
}

/** The observers of a packet grouped by what they could make of it, in a stable order. */
export function byReadability(views: Partial<Record<ObserverId, ObserverView>>): Record<Readability, ObserverId[]> {
  const out: Record<Readability, ObserverId[]> = { plaintext: [], 'handshake-only': [], encrypted: [], 'no-payload': [] };
  const order: readonly ObserverId[] = ['client', 'lb', 'backend-1', 'backend-2', 'backend-3', 'eve-internet', 'eve-internal'];
  for (const id of order) {
    const view = views[id];
    if (view) out[view.readability].push(id);
  }
  return out;
}
