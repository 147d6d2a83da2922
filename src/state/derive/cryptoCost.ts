/**
 * What the cost panel shows for one node in one mode: the counts (stable: the same on every load) and the
 * measured handshake time as a median over this node's handshakes with its range (it moves between loads).
 */
import { NO_CRYPTO_WORK, cryptoWork, type CryptoWork, type NodeId, type Timeline } from '../../sim/index';

export interface HandshakeTime {
  /** How many handshakes were measured. */
  readonly count: number;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
}

export interface NodeCost {
  readonly work: CryptoWork;
  /** Null when the node did no handshake (or the host gave no clock). */
  readonly handshakeTime: HandshakeTime | null;
}

export function medianOf(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const cache = new WeakMap<Timeline, ReadonlyMap<NodeId, CryptoWork>>();

export function nodeCost(timeline: Timeline, node: NodeId): NodeCost {
  let work = cache.get(timeline);
  if (!work) cache.set(timeline, (work = cryptoWork(timeline.events, timeline.sessions)));
  const samples = (timeline.cost.find((c) => c.node === node)?.handshakeMsEach ?? []).filter((ms) => ms > 0);
  return {
    work: work.get(node) ?? NO_CRYPTO_WORK,
    handshakeTime: samples.length === 0 ? null : { count: samples.length, medianMs: medianOf(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples) },
  };
}
