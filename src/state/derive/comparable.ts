/**
 * The comparable step in another mode's timeline, so a mode switch keeps the learner's place: "the client sends
 * its second request" in passthrough is the same moment in offloading, even though the events in between differ.
 * Coarse anchor: the client's own notes (DNS, requests, responses, handshake done), which every mode shares.
 * Fine match: the same kind of event (or packet on the same link, same direction, same label) after that anchor.
 */
import type { SimEvent } from '../../sim/index';
import { isPacket } from './events';

function isClientNote(event: SimEvent): boolean {
  return !isPacket(event) && event.node === 'client';
}

function roleOf(node: string): string {
  return node.startsWith('backend') ? 'backend' : node;
}

function signature(event: SimEvent): string {
  if (isPacket(event)) return `p|${event.link}|${event.direction}|${event.label}`;
  return `${event.type}|${roleOf(event.node)}`;
}

/** Index of the last client note at or before `index` (-1 before any), and its occurrence number among its kind. */
function coarseAnchor(events: readonly SimEvent[], index: number): { at: number; key: string; occurrence: number } {
  let at = -1;
  for (let i = index; i >= 0; i--) {
    const e = events[i];
    if (e && isClientNote(e)) {
      at = i;
      break;
    }
  }
  if (at < 0) return { at, key: '', occurrence: 0 };
  const key = signature(events[at]!);
  let occurrence = 0;
  for (let i = 0; i < at; i++) if (isClientNote(events[i]!) && signature(events[i]!) === key) occurrence++;
  return { at, key, occurrence };
}

function findOccurrence(events: readonly SimEvent[], key: string, occurrence: number): number {
  let seen = 0;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (isClientNote(e) && signature(e) === key && seen++ === occurrence) return i;
  }
  return -2;
}

/** Maps step `index` of `from` onto `to`. Same timeline in, same step out. */
export function comparableStep(from: readonly SimEvent[], to: readonly SimEvent[], index: number): number {
  if (to.length === 0) return 0;
  const event = from[index];
  if (!event) return Math.min(index, to.length - 1);
  const anchor = coarseAnchor(from, index);
  const start = anchor.at < 0 ? -1 : findOccurrence(to, anchor.key, anchor.occurrence);
  if (start === -2) return Math.round((index / Math.max(1, from.length - 1)) * (to.length - 1));
  if (anchor.at === index) return start;
  // Count earlier events of the same signature since the anchor, and find the same one in the other timeline.
  const key = signature(event);
  let occurrence = 0;
  for (let i = anchor.at + 1; i < index; i++) if (signature(from[i]!) === key) occurrence++;
  let best = -1;
  let seen = 0;
  for (let i = start + 1; i < to.length; i++) {
    const e = to[i]!;
    if (isClientNote(e)) break;
    if (signature(e) !== key) continue;
    best = i;
    if (seen++ === occurrence) break;
  }
  return best >= 0 ? best : Math.max(0, start);
}
