/**
 * How a run ended, in the few facts a learner would notice: a cart that came back empty, an attack the WAF
 * stopped or one that reached the shop uninspected, a backend that logged the wrong client address, a client that
 * gave up. Each outcome names the step that decides it, so the page can show it once the playhead gets there.
 * Facts only (codes and values): src/sim/content/outcomeText.ts words them. Nothing here runs crypto: the page
 * imports it through src/sim/index.ts.
 */
import type { SimEvent } from '../core/events';
import { indexed } from '../core/eventIndex';
import type { AppEffect, GaveUpReason } from '../core/reasons';
import type { ClientIpSource } from '../http/shopIdentity';
import type { Timeline } from './runScenario';

/** One add-to-cart request and how the backend that got it answered. */
export interface CartAdd {
  readonly status: number;
  readonly servedBy: string | null;
}

export type RunOutcome =
  /** The client put items in its cart, and the last look at the cart shows fewer of them (or none). */
  | {
    readonly code: 'cart-lost'; readonly step: number; readonly client: string;
    readonly adds: readonly CartAdd[]; readonly items: readonly string[]; readonly cartServedBy: string | null; readonly cartStatus: number;
  }
  /** Every item the client added was still there when it looked. */
  | { readonly code: 'cart-kept'; readonly step: number; readonly client: string; readonly items: readonly string[]; readonly cartServedBy: string | null }
  /** The WAF read a request, matched rules and answered it itself: the backend never saw it. */
  | { readonly code: 'attack-blocked'; readonly step: number; readonly target: string; readonly ruleIds: readonly number[]; readonly status: number }
  /** The shop's application ran an attack (SQL injection, a stored script) because nothing in front stopped it. */
  | { readonly code: 'attack-reached-backend'; readonly step: number; readonly backend: string; readonly target: string; readonly effect: AppEffect; readonly waf: WafOnTheWay }
  /** The LB's rate rule refused requests (layer 7: it counts requests per client and path). */
  | { readonly code: 'rate-limited'; readonly step: number; readonly refused: number; readonly limit: number }
  /** The backend told the client who it thinks the client is, and it is not the client's address. */
  | {
    readonly code: 'client-ip-wrong'; readonly step: number; readonly backend: string; readonly believed: string; readonly actual: string;
    readonly source: ClientIpSource; readonly believedIsLb: boolean;
  }
  /** The client stopped: a TLS failure, a reset or closed connection, a redirect loop. */
  | { readonly code: 'client-gave-up'; readonly step: number; readonly request: number; readonly reason: GaveUpReason; readonly unsent: number };

export type RunOutcomeCode = RunOutcome['code'];
/** What the WAF did with the request before the attack reached the application. */
export type WafOnTheWay = 'blind' | 'passed' | 'off';

/** A response body's JSON fields, or null (HTML pages, error text). */
function jsonOf(body: string | undefined): Readonly<Record<string, unknown>> | null {
  if (body === undefined) return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export type CartOutcome = Extract<RunOutcome, { code: 'cart-lost' | 'cart-kept' }>;

/**
 * Per client that added items and then looked: its add-to-cart answers and its last look at the cart (the shop's
 * JSON `items`), lost or kept. The lessons' cart question and the "choose the mode" cart requirement read these.
 */
export function cartsByClient(timeline: Timeline): CartOutcome[] {
  const bodies = new Map(timeline.client.responses.map((r) => [r.index, r.body]));
  const byClient = new Map<string, { adds: CartAdd[]; view?: { step: number; status: number; servedBy: string | null; items: string[] } }>();
  for (const { index, event } of indexed(timeline.events, 'http.responseReceived')) {
    const d = event.detail;
    if (d.target !== '/cart/add' && d.target !== '/cart') continue;
    const entry = byClient.get(d.client) ?? { adds: [] };
    byClient.set(d.client, entry);
    if (d.target === '/cart/add') entry.adds.push({ status: d.status, servedBy: d.servedBy });
    else {
      const items = jsonOf(bodies.get(d.index))?.items;
      entry.view = { step: index, status: d.status, servedBy: d.servedBy, items: Array.isArray(items) ? items.map(String) : [] };
    }
  }
  const out: CartOutcome[] = [];
  for (const [client, { adds, view }] of byClient) {
    if (!view || adds.length === 0) continue;
    out.push(view.items.length < adds.length
      ? { code: 'cart-lost', step: view.step, client, adds, items: view.items, cartServedBy: view.servedBy, cartStatus: view.status }
      : { code: 'cart-kept', step: view.step, client, items: view.items, cartServedBy: view.servedBy });
  }
  return out;
}

function cartOutcomes(timeline: Timeline): RunOutcome[] {
  const out = cartsByClient(timeline);
  // Many happy carts (six colleagues behind one NAT) say one thing: keep the last; every lost cart is news.
  const lost = out.filter((o) => o.code === 'cart-lost');
  return lost.length > 0 ? lost : out.slice(-1);
}

function wafOutcomes(events: readonly SimEvent[]): RunOutcome[] {
  const blocked = indexed(events, 'waf.blocked').map(({ index, event }): RunOutcome => ({
    code: 'attack-blocked', step: index, target: event.detail.target, ruleIds: event.detail.matches.map((m) => m.ruleId), status: event.detail.status,
  }));
  const limited = indexed(events, 'waf.rateLimited');
  const last = limited.at(-1);
  return last ? [...blocked, { code: 'rate-limited', step: last.index, refused: limited.length, limit: last.event.detail.limit }] : blocked;
}

/** The last WAF verdict before `index`: what the WAF did with the request that then reached the application. */
function wafBefore(events: readonly SimEvent[], index: number, wafOn: boolean): WafOnTheWay {
  for (let i = index - 1; i >= 0; i--) {
    const type = events[i]!.type;
    if (type === 'waf.notInspected') return 'blind';
    if (type === 'waf.inspected') return 'passed';
  }
  return wafOn ? 'blind' : 'off';
}

function attackOutcomes(timeline: Timeline): RunOutcome[] {
  return indexed(timeline.events, 'http.requestHandled').flatMap(({ index, event }): RunOutcome[] => (event.detail.effect
    ? [{ code: 'attack-reached-backend', step: index, backend: event.node, target: event.detail.target, effect: event.detail.effect, waf: wafBefore(timeline.events, index, timeline.options.waf) }]
    : []));
}

/**
 * The first answer in which the shop told the client its address (GET /whoami answers with `clientIp`) and got it
 * wrong: the LB's own address, or one the client forged. Other requests log the address too, but nobody sees it.
 */
function clientIpOutcome(timeline: Timeline): RunOutcome[] {
  const { events } = timeline;
  const lbAddresses = new Set<string>();
  const clientAddresses = new Set<string>();
  for (const e of events) {
    if (e.type !== 'tcp.segmentSent') continue;
    if (e.from === 'client') clientAddresses.add(e.src.ip);
    if (e.from === 'lb' && e.link === 'internal') lbAddresses.add(e.src.ip);
  }
  const bodies = new Map(timeline.client.responses.map((r) => [r.index, r.body]));
  for (const { index, event } of indexed(events, 'http.responseReceived')) {
    const told = jsonOf(bodies.get(event.detail.index))?.clientIp;
    if (typeof told !== 'string' || clientAddresses.has(told) || event.detail.servedBy === null) continue;
    const handled = indexed(events.slice(0, index), 'http.requestHandled').filter((h) => h.event.detail.clientIp === told).at(-1);
    const actual = [...clientAddresses][0];
    if (!handled || actual === undefined) continue;
    return [{
      code: 'client-ip-wrong', step: index, backend: handled.event.node, believed: told, actual,
      source: handled.event.detail.clientIpSource, believedIsLb: lbAddresses.has(told),
    }];
  }
  return [];
}

function gaveUpOutcomes(events: readonly SimEvent[]): RunOutcome[] {
  return indexed(events, 'client.gaveUp').map(({ index, event }): RunOutcome => ({
    code: 'client-gave-up', step: index, request: event.detail.request, reason: event.detail.reason, unsent: event.detail.unsent,
  }));
}

/**
 * The outcomes of a run a learner should be told about, in the order they were decided (their `step`). Empty
 * when the run simply worked and nothing in it was worth a banner.
 */
export function runOutcomes(timeline: Timeline): readonly RunOutcome[] {
  return [
    ...cartOutcomes(timeline), ...wafOutcomes(timeline.events), ...attackOutcomes(timeline), ...clientIpOutcome(timeline), ...gaveUpOutcomes(timeline.events),
  ].sort((a, b) => a.step - b.step);
}

/** Did it go wrong for the visitor or the shop (a lost cart, an attack through), or did the LB do its job? */
export const OUTCOME_IS_PROBLEM: Readonly<Record<RunOutcomeCode, boolean>> = {
  'cart-lost': true,
  'cart-kept': false,
  'attack-blocked': false,
  'attack-reached-backend': true,
  'rate-limited': false,
  'client-ip-wrong': true,
  'client-gave-up': true,
};
