/**
 * The run in a few facts (the CLI's `summary`, the tests' assertions, the UI's headline): what ran, which TLS
 * sessions existed, and who read plaintext. Everything is derived from the timeline, nothing is stored twice.
 */
import type { SegmentSentEvent } from '../core/events';
import type { GaveUpReason, KeyRole, WafBlindReason } from '../core/reasons';
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
  /** Why the client gave up: the code, and the facts with it (content's gaveUpText words them). */
  readonly failures: ReadonlyArray<{ request: number; reason: GaveUpReason['code']; cause: GaveUpReason }>;
  /** Which backend served each response the client got (null: answered by the LB itself, e.g. WAF, cache, redirect). */
  readonly backendPerRequest: ReadonlyArray<{ request: number; client: string; status: number; servedBy: string | null }>;
  /** The items in the last cart the client saw (null when it never looked). */
  readonly cart: readonly string[] | null;
  /** Every WAF decision, in order: inspected or not, which rules matched, blocked or not. */
  readonly wafVerdicts: ReadonlyArray<{ inspected: boolean; blocked: boolean; ruleIds: readonly number[]; reason: WafVerdictReason }>;
  /** Per handled request: the client address the backend's application believed, and why. */
  readonly backendSawClientIpPerRequest: ReadonlyArray<{ backend: string; target: string; clientIp: string; source: string }>;
  /** Which node holds which private key and certificate in this mode. */
  readonly keyLocations: Readonly<Record<string, ReadonlyArray<{ key: string; certificate: string; role: KeyRole }>>>;
  readonly backendLoad: Readonly<Record<string, number>>;
  readonly cost: Timeline['cost'];
}

/**
 * What ran, named from the sessions that completed (the engines report the version they negotiated), with the
 * chosen engine's facts; a run in which no handshake completed says so rather than claim a version.
 */
function protocolRan(timeline: Timeline): string {
  const facts = timeline.protocol;
  const versions = [...new Set(timeline.sessions.filter((s) => s.established).map((s) => s.version))];
  const name = versions.length > 0 ? versions.join(' + ') : `${facts.name} offered, no handshake completed`;
  return `${name} (${facts.implementation}), ${facts.keyExchange}, ${facts.cipherSuite}`;
}

/** The cart as the last answer to GET /cart showed it; an error page shows an empty cart. */
function lastCart(timeline: Timeline): string[] | null {
  const last = timeline.client.responses.filter((r) => r.target === '/cart').at(-1);
  if (!last) return null;
  try {
    const parsed = JSON.parse(last.body) as { items?: unknown };
    return Array.isArray(parsed.items) ? parsed.items.map(String) : [];
  } catch {
    return [];
  }
}

/** Why a WAF verdict went the way it did: scored below the threshold, blocked by rules, rate limited, or blind (why). */
export type WafVerdictReason = 'below-threshold' | 'rules-matched' | 'rate-limited' | WafBlindReason;

/** CRS 3's DoS rule id, used for the rate rule's blocks (lb/waf/rateLimit.ts). */
const RATE_RULE_ID = 912120;

function wafVerdicts(timeline: Timeline): RunSummary['wafVerdicts'] {
  const out: { inspected: boolean; blocked: boolean; ruleIds: number[]; reason: WafVerdictReason }[] = [];
  for (const e of timeline.events) {
    if (e.type === 'waf.blocked' || e.type === 'waf.inspected') {
      out.push({ inspected: true, blocked: e.type === 'waf.blocked', ruleIds: e.detail.matches.map((m) => m.ruleId), reason: e.type === 'waf.blocked' ? 'rules-matched' : 'below-threshold' });
    } else if (e.type === 'waf.notInspected') {
      out.push({ inspected: false, blocked: false, ruleIds: [], reason: e.detail.reason });
    } else if (e.type === 'waf.rateLimited') {
      // At layer 7 the rate rule judges the request the WAF just passed: one verdict, now blocked. At layer 4 it
      // judged a connection the WAF never saw into.
      const previous = out.at(-1);
      if (e.detail.scope === 'request' && previous?.inspected && !previous.blocked) {
        previous.blocked = true;
        previous.ruleIds.push(RATE_RULE_ID);
        previous.reason = 'rate-limited';
      } else {
        out.push({ inspected: false, blocked: true, ruleIds: [RATE_RULE_ID], reason: 'rate-limited' });
      }
    }
  }
  return out;
}

/** Did this observer recover an HTTP request or response from this packet? */
export function readsHttp(event: SegmentSentEvent, observer: ObserverId): boolean {
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
  for (const s of timeline.sessions.filter((r) => r.established)) {
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
    protocol: protocolRan(timeline),
    tlsSessions: [...byRandom].map(([clientRandom, s]) => ({ client: s.client ?? '?', server: s.server ?? '?', clientRandom, version: s.version, cipherSuite: s.cipherSuite })),
    lbReadPlaintext: observers.lb ?? false,
    observers,
    backendSawClientIp: lastHandled && lastHandled.type === 'http.requestHandled' ? lastHandled.detail.clientIp : null,
    responses: timeline.client.responses.map((r) => r.status),
    failures: timeline.client.failures.map((f) => ({ request: f.index, reason: f.reason, cause: f.cause })),
    backendPerRequest: timeline.client.responses.map((r) => ({ request: r.index, client: r.client, status: r.status, servedBy: r.servedBy })),
    cart: lastCart(timeline),
    wafVerdicts: wafVerdicts(timeline),
    backendSawClientIpPerRequest: handled.flatMap((e) => (e.type === 'http.requestHandled'
      ? [{ backend: e.node, target: e.detail.target, clientIp: e.detail.clientIp, source: e.detail.clientIpSource }]
      : [])),
    keyLocations: Object.fromEntries(Object.entries(timeline.keyPlacement).map(([node, held]) => [node, held.map((h) => ({ key: h.key, certificate: h.certificate, role: h.role }))])),
    backendLoad: timeline.backendLoad,
    cost: timeline.cost,
  };
}
