/** What every actor of one run shares: time, the log, the network, the run's options and key material. */
import type { EventLog } from '../core/eventLog';
import type { Rng } from '../core/rng';
import type { Scheduler } from '../core/scheduler';
import type { Network } from '../net/network';
import type { SiteNames } from '../net/siteNames';
import type { NodeId } from '../net/topology';
import type { Faults, Mode, RunOptions } from '../scenarios/types';
import type { TlsSessionInfo } from '../tls/endpoint';
import type { LabPki } from '../tls/pki';

/**
 * One end's record of a TLS session it completed. The visibility pass gives each node the secrets of its own
 * records and nothing more; the two ends of a session share a client random (in passthrough they sit on
 * different TCP connections, which is the point).
 */
export interface SessionRecord {
  readonly node: NodeId;
  readonly role: 'client' | 'server';
  /** The TCP connection this end used. */
  readonly connectionId: string;
  clientRandomHex: string;
  serverRandomHex: string;
  /** TLS 1.1/1.2: the master secret. TLS 1.3: the resumption-free master secret of the key schedule (not a key log input). */
  masterSecretHex: string;
  /** TLS 1.3 only: the four traffic secrets an NSS key log carries (RFC 8446 §7.1); the observers' keyrings use them. */
  tls13Secrets?: TlsSessionInfo['tls13Secrets'];
  version: string;
  cipherSuite: string;
  established: boolean;
}

export interface CostTotals {
  handshakeMs: number;
  recordMs: number;
  operations: number;
  /** The handshake time of each TLS session end this node took part in (one measurement per handshake). */
  handshakeMsEach: number[];
}

export interface CostMeter {
  /**
   * Runs `work` and books its CPU time to `node` (when the host gave a clock; otherwise only counts).
   * `connectionId` groups a handshake's steps into one measurement per session end.
   */
  measure<T>(node: NodeId, kind: 'handshake' | 'record', work: () => T, connectionId?: string): T;
  readonly totals: ReadonlyMap<NodeId, CostTotals>;
}

export interface RunContext {
  readonly mode: Mode;
  readonly options: RunOptions;
  readonly faults: Faults;
  /** The site's public names (the scenario's own, or shop.example.com and api.example.com). */
  readonly names: SiteNames;
  readonly pki: LabPki;
  readonly scheduler: Scheduler;
  readonly log: EventLog;
  readonly network: Network;
  readonly rng: Rng;
  readonly sessions: SessionRecord[];
  readonly cost: CostMeter;
}

export function createCostMeter(clock?: () => number): CostMeter {
  const totals = new Map<NodeId, CostTotals>();
  /** Per node, the index in `handshakeMsEach` of each connection's handshake. */
  const slots = new Map<string, number>();
  return {
    totals,
    measure(node, kind, work, connectionId) {
      const start = clock?.() ?? 0;
      try {
        return work();
      } finally {
        const elapsed = clock ? clock() - start : 0;
        const entry = totals.get(node) ?? { handshakeMs: 0, recordMs: 0, operations: 0, handshakeMsEach: [] };
        if (kind === 'handshake') {
          entry.handshakeMs += elapsed;
          const slot = `${node}|${connectionId ?? '?'}`;
          const at = slots.get(slot) ?? entry.handshakeMsEach.push(0) - 1;
          slots.set(slot, at);
          entry.handshakeMsEach[at] = (entry.handshakeMsEach[at] ?? 0) + elapsed;
        } else {
          entry.recordMs += elapsed;
        }
        entry.operations++;
        totals.set(node, entry);
      }
    },
  };
}
