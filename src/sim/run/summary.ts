/**
 * The run in a few facts (the CLI's `summary`, the tests' assertions, the UI's headline): what ran, which TLS
 * sessions existed, and who read plaintext. Everything is derived from the timeline, nothing is stored twice.
 */
import type { SegmentSentEvent } from '../core/events';
import type { ObserverId } from '../net/topology';
import type { Timeline } from './runScenario';

export interface RunSummary {
  readonly scenario: string;
  readonly mode: Timeline['mode'];
  readonly seed: number;
  readonly protocol: string;
  readonly tlsSessions: ReadonlyArray<{ client: string; server: string; clientRandom: string; version: string; cipherSuite: string }>;
  /** Did the load balancer decode any HTTP byte (decrypted, or cleartext it handled)? */
  readonly lbReadPlaintext: boolean;
  /** For each observer: did it read any HTTP plaintext anywhere? */
  readonly observers: Readonly<Partial<Record<ObserverId, boolean>>>;
  /** The client address as the serving backend's application believed it, per handled request. */
  readonly backendSawClientIp: string | null;
  readonly responses: readonly number[];
  readonly failures: ReadonlyArray<{ request: number; reason: string }>;
}

function readsHttp(event: SegmentSentEvent, observer: ObserverId): boolean {
  const view = event.views[observer];
  return view?.readability === 'plaintext' && typeof view.plaintext === 'string' && /^(?:[A-Z]+ \S+ HTTP\/1\.[01]|HTTP\/1\.[01] \d{3})/m.test(view.plaintext);
}

export function summarize(timeline: Timeline): RunSummary {
  const packets = timeline.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
  const observerIds = new Set<ObserverId>();
  for (const p of packets) for (const id of Object.keys(p.views) as ObserverId[]) observerIds.add(id);
  const observers: Partial<Record<ObserverId, boolean>> = {};
  for (const id of observerIds) observers[id] = packets.some((p) => readsHttp(p, id));
  // Both ends registered each session under the same client random; its ends are the nodes that ran each role
  // (in passthrough: the client and a backend, never the load balancer in between).
  const byRandom = new Map<string, { client?: string; server?: string; version: string; cipherSuite: string }>();
  for (const s of timeline.sessions) {
    const entry = byRandom.get(s.clientRandomHex) ?? { version: s.version, cipherSuite: s.cipherSuite };
    entry[s.role] = s.node;
    byRandom.set(s.clientRandomHex, entry);
  }
  const handled = timeline.events.filter((e) => e.type === 'http.requestHandled');
  const lastHandled = handled.at(-1);
  return {
    scenario: timeline.scenarioId,
    mode: timeline.mode,
    seed: timeline.seed,
    protocol: `${timeline.protocol.name} (${timeline.protocol.implementation}), ${timeline.protocol.keyExchange}, ${timeline.protocol.cipherSuite}`,
    tlsSessions: [...byRandom].map(([clientRandom, s]) => ({ client: s.client ?? '?', server: s.server ?? '?', clientRandom, version: s.version, cipherSuite: s.cipherSuite })),
    lbReadPlaintext: observers.lb ?? false,
    observers,
    backendSawClientIp: lastHandled && lastHandled.type === 'http.requestHandled' ? lastHandled.detail.clientIp : null,
    responses: timeline.client.responses.map((r) => r.status),
    failures: timeline.client.failures.map((f) => ({ request: f.index, reason: f.reason })),
  };
}
