/**
 * Load-balancing algorithms: HAProxy `balance roundrobin`, `balance leastconn`, `balance source`
 * (nginx `hash $remote_addr`, NLB `source_ip`). Deterministic; every pick carries the facts of why (content words them).
 */
import type { BalancerPick } from '../core/reasons';

/** The algorithms the LB offers. */
export type Algorithm = 'round-robin' | 'least-connections' | 'source-ip-hash';

/** A backend as the balancer knows it. */
export interface BackendRef {
  readonly id: string;
  readonly name: string;
  readonly address: string;
}

/** A pick and the numbers it was made from. */
export interface Pick {
  readonly backend: BackendRef;
  readonly why: BalancerPick;
}

/** Chooses backends and keeps the counts the algorithms need. */
export interface Balancer {
  readonly algorithm: Algorithm;
  /** Picks a backend. It does not open a connection: call {@link Balancer.connectionOpened} when the LB does. */
  pick(input: { readonly sourceIp: string }): Pick;
  /** A connection to backend `id` opened (least-connections counts these). Unknown ids are ignored. */
  connectionOpened(id: string): void;
  /** A connection to backend `id` closed; never goes below zero. Unknown ids are ignored. */
  connectionClosed(id: string): void;
  /** Picks made per backend id: requests in layer-7 modes, connections in passthrough (whatever the LB picks for). */
  readonly load: ReadonlyMap<string, number>;
  /** Currently open connections per backend id. */
  readonly active: ReadonlyMap<string, number>;
}

/**
 * FNV-1a, 32-bit (offset basis 0x811c9dc5, prime 0x01000193) over the UTF-8 bytes of `text`. Chosen because it is
 * tiny, well known and stable across runs and platforms; HAProxy's `balance source` hashes the address bytes
 * instead, so the same IP may land on a different backend there, but the property taught is the same.
 */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * Creates a balancer over `backends` (order matters: round robin follows it and least-connections breaks ties by
 * it). Throws a RangeError for an empty list: that is a configuration bug, not input from the wire.
 */
export function createBalancer(algorithm: Algorithm, backends: readonly BackendRef[]): Balancer {
  if (backends.length === 0) throw new RangeError('createBalancer: at least one backend is required');
  const list = [...backends];
  const load = new Map<string, number>(list.map((b) => [b.id, 0]));
  const active = new Map<string, number>(list.map((b) => [b.id, 0]));
  let next = 0;

  const choose = (sourceIp: string): { index: number; why: (backend: string) => BalancerPick } => {
    const n = list.length;
    if (algorithm === 'round-robin') {
      const index = next;
      next = (next + 1) % n;
      return { index, why: (backend) => ({ algorithm: 'round-robin', position: index + 1, of: n, backend }) };
    }
    if (algorithm === 'least-connections') {
      let index = 0;
      list.forEach((b, i) => {
        if ((active.get(b.id) ?? 0) < (active.get(list[index]?.id ?? '') ?? 0)) index = i;
      });
      const min = active.get(list[index]?.id ?? '') ?? 0;
      const tied = list.filter((b) => (active.get(b.id) ?? 0) === min).length;
      const open = list.map((b) => ({ backend: b.name, count: active.get(b.id) ?? 0 }));
      return { index, why: (backend) => ({ algorithm: 'least-connections', open, tied, backend }) };
    }
    const h = fnv1a32(sourceIp);
    const index = h % n;
    return { index, why: (backend) => ({ algorithm: 'source-ip-hash', sourceIp, hash: h, of: n, index, backend }) };
  };

  return {
    algorithm,
    load,
    active,
    pick({ sourceIp }) {
      const { index, why } = choose(sourceIp);
      const backend = list[index] ?? (list[0] as BackendRef);
      load.set(backend.id, (load.get(backend.id) ?? 0) + 1);
      return { backend, why: why(backend.name) };
    },
    connectionOpened(id) {
      const count = active.get(id);
      if (count !== undefined) active.set(id, count + 1);
    },
    connectionClosed(id) {
      const count = active.get(id);
      if (count !== undefined) active.set(id, Math.max(0, count - 1));
    },
  };
}
