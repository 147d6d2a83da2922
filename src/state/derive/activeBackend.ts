/**
 * Which backend the connection of a step goes to: the topology draws that branch of the internal network as the
 * active one. From the events' facts only: the LB's routing decision (lb.routed), packets to or from a backend,
 * and a backend's own notes. A new connection from the client has no backend until the LB routes it.
 *
 * The stage asks on every step of playback: each run is walked once and the answer kept for every step.
 */
import { BACKENDS, type BackendId, type NodeId, type SimEvent } from '../../sim/index';
import { isPacket } from './events';

const BACKEND_IDS: ReadonlySet<NodeId> = new Set(BACKENDS.map((b) => b.id));
const asBackend = (node: NodeId): BackendId | null => (BACKEND_IDS.has(node) ? (node as BackendId) : null);

const cache = new WeakMap<readonly SimEvent[], readonly (BackendId | null)[]>();

function backendOf(event: SimEvent): BackendId | null | undefined {
  if (isPacket(event)) {
    // The client opening a connection: it belongs to no backend until the LB routes it.
    if (event.from === 'client' && event.flags.includes('SYN') && !event.flags.includes('ACK')) return null;
    return asBackend(event.to) ?? asBackend(event.from) ?? undefined;
  }
  if (event.type === 'lb.routed') return asBackend(event.detail.backend);
  return asBackend(event.node) ?? undefined;
}

function walk(events: readonly SimEvent[]): (BackendId | null)[] {
  let current: BackendId | null = null;
  return events.map((event) => {
    const next = backendOf(event);
    if (next !== undefined) current = next;
    return current;
  });
}

/** The backend the connection at step `index` goes to, or null before the LB has chosen one for it. */
export function activeBackendAt(events: readonly SimEvent[], index: number): BackendId | null {
  let steps = cache.get(events);
  if (!steps) cache.set(events, (steps = walk(events)));
  return steps[Math.min(index, steps.length - 1)] ?? null;
}
