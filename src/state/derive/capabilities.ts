/**
 * "What the load balancer can do" in one run, each answer with its reason taken from the run itself: the WAF's own
 * verdict events, the routing decisions it logged, what the backend's application believed, and the outcome of the
 * load balancer's decryption attempts. The options only say what was switched on; never whether it could work.
 */
import type { RunOptions, SimEvent, ViewReason } from '../../sim/index';
import { contentIfLoaded, eventWords } from '../content';
import { clientAddresses, detailString, HTTP_START, isPacket, typeOf } from './events';

export type CapabilityId = 'readHttp' | 'waf' | 'stickiness' | 'pathRouting' | 'sniRouting' | 'clientIp' | 'responseFeatures';
/** yes: it did it; no: it could not; off: switched off; unused: possible, but nothing in this run needed it. */
export type CapabilityStatus = 'yes' | 'no' | 'off' | 'unused';

export interface Capability {
  readonly id: CapabilityId;
  readonly label: string;
  readonly status: CapabilityStatus;
  /** A few words: "inspected 4 requests", "cannot inspect". */
  readonly verdict: string;
  readonly reason: string;
  /** The load balancer's own decryption outcome, when that is the reason (content words it; `reason` is then ''). */
  readonly viewReason?: ViewReason;
  /** The event the reason comes from, to jump to. */
  readonly step?: number;
}

type Found = { index: number; event: SimEvent };

function findAll(events: readonly SimEvent[], test: (e: SimEvent) => boolean): Found[] {
  const out: Found[] = [];
  events.forEach((event, index) => {
    if (test(event)) out.push({ index, event });
  });
  return out;
}

const textOf = (e: SimEvent): string => eventWords(e);

/** The routing facts of an lb.routed event (typed: the engine's own type). */
const routedDetail = (e: SimEvent) => (e.type === 'lb.routed' ? e.detail : undefined);
const routeWords = (e: SimEvent): string => {
  const d = routedDetail(e);
  const content = contentIfLoaded();
  return d && content ? content.routeReason(d) : textOf(e);
};

function readHttp(events: readonly SimEvent[]): Capability {
  let encrypted: Found | undefined;
  for (const [index, e] of events.entries()) {
    if (!isPacket(e) || e.to !== 'lb' || e.direction !== 'c2s' || e.payload.length === 0) continue;
    const view = e.views.lb;
    if (view?.readability === 'plaintext' && view.plaintext && HTTP_START.test(view.plaintext)) {
      return { id: 'readHttp', label: 'Read the HTTP requests', status: 'yes', verdict: 'reads them', reason: '', viewReason: view.reason, step: index };
    }
    if (view?.readability === 'encrypted' && !encrypted) encrypted = { index, event: e };
  }
  if (encrypted && isPacket(encrypted.event)) {
    const viewReason = encrypted.event.views.lb?.reason;
    return { id: 'readHttp', label: 'Read the HTTP requests', status: 'no', verdict: 'ciphertext only', reason: '', ...(viewReason ? { viewReason } : {}), step: encrypted.index };
  }
  return { id: 'readHttp', label: 'Read the HTTP requests', status: 'unused', verdict: 'no request arrived', reason: 'No application data reached the load balancer in this run.' };
}

function waf(events: readonly SimEvent[], options: RunOptions): Capability {
  const base = { id: 'waf' as const, label: 'WAF (inspect requests for attacks)' };
  const verdicts = findAll(events, (e) => typeOf(e).startsWith('waf.'));
  const blocked = verdicts.filter((v) => typeOf(v.event) === 'waf.blocked');
  const inspected = verdicts.filter((v) => typeOf(v.event) === 'waf.inspected');
  const blind = verdicts.filter((v) => typeOf(v.event) === 'waf.notInspected');
  const limited = verdicts.filter((v) => typeOf(v.event) === 'waf.rateLimited');
  const first = blocked[0] ?? blind[0] ?? inspected[0] ?? limited[0];
  if (!first) {
    return options.waf
      ? { ...base, status: 'unused', verdict: 'no verdict', reason: 'The run produced no WAF verdict (no request reached the load balancer).' }
      : { ...base, status: 'off', verdict: 'switched off', reason: 'The WAF is switched off in the options.' };
  }
  if (blocked.length > 0) return { ...base, status: 'yes', verdict: `blocked ${blocked.length} request${blocked.length > 1 ? 's' : ''}`, reason: textOf(first.event), step: first.index };
  if (inspected.length > 0) return { ...base, status: 'yes', verdict: `inspected ${inspected.length} request${inspected.length > 1 ? 's' : ''}`, reason: textOf(first.event), step: first.index };
  if (blind.length > 0) return { ...base, status: 'no', verdict: 'cannot inspect', reason: textOf(first.event), step: first.index };
  return { ...base, status: 'yes', verdict: 'rate limiting', reason: textOf(first.event), step: first.index };
}

function routedEvents(events: readonly SimEvent[]): Found[] {
  return findAll(events, (e) => typeOf(e) === 'lb.routed');
}

function stickiness(events: readonly SimEvent[], options: RunOptions, http: Capability): Capability {
  const base = { id: 'stickiness' as const, label: 'Cookie stickiness' };
  const routed = routedEvents(events);
  const byCookie = routed.find((r) => routedDetail(r.event)?.basis === 'cookie');
  if (byCookie) return { ...base, status: 'yes', verdict: 'pinned by cookie', reason: routeWords(byCookie.event), step: byCookie.index };
  if (!options.stickyCookie) return { ...base, status: 'off', verdict: 'switched off', reason: 'Cookie persistence is switched off in the options.' };
  if (http.status === 'no') return { ...base, status: 'no', verdict: 'cannot read cookies', reason: `It cannot read or set a cookie: ${http.reason}`, ...(http.step !== undefined ? { step: http.step } : {}) };
  const mention = routed.find((r) => routedDetail(r.event)?.cookie !== undefined);
  if (mention) return { ...base, status: 'unused', verdict: 'no cookie yet', reason: routeWords(mention.event), step: mention.index };
  return { ...base, status: 'unused', verdict: 'not needed', reason: 'No request in this run needed the cookie.' };
}

function pathRouting(events: readonly SimEvent[], http: Capability): Capability {
  const base = { id: 'pathRouting' as const, label: 'Route by URL path' };
  const routed = routedEvents(events);
  const byPath = routed.find((r) => { const d = routedDetail(r.event); return d !== undefined && d.basis !== 'cookie' && d.pool.by === 'path'; });
  if (byPath) return { ...base, status: 'yes', verdict: 'routed by path', reason: routeWords(byPath.event), step: byPath.index };
  if (http.status === 'no') return { ...base, status: 'no', verdict: 'path is encrypted', reason: `The path is inside the TLS records: ${http.reason}`, ...(http.step !== undefined ? { step: http.step } : {}) };
  const first = routed[0];
  return {
    ...base, status: 'unused', verdict: 'could, did not need to',
    reason: first ? `It reads each path, but this run routes by ${routedDetail(first.event)?.basis ?? 'its algorithm'}.` : 'No request was routed.',
    ...(first ? { step: first.index } : {}),
  };
}

function sniRouting(events: readonly SimEvent[]): Capability {
  const base = { id: 'sniRouting' as const, label: 'Read the SNI (route by hostname)' };
  const read = findAll(events, (e) => typeOf(e) === 'lb.sniRead')[0];
  if (read) return { ...base, status: 'yes', verdict: `read ${detailString(read.event, 'serverName') ?? 'no name'}`, reason: textOf(read.event), step: read.index };
  return { ...base, status: 'unused', verdict: 'not needed', reason: 'It terminates TLS itself, so it routes each request by what it decrypted (the Host header is authoritative).' };
}

function clientIp(events: readonly SimEvent[]): Capability {
  const base = { id: 'clientIp' as const, label: 'Tell the backend the client\'s IP' };
  const clients = clientAddresses(events);
  const handled = findAll(events, (e) => typeOf(e) === 'http.requestHandled');
  const carrier = findAll(events, (e) => typeOf(e) === 'lb.headerAdded' || typeOf(e) === 'lb.proxyHeaderSent')[0];
  const last = handled.at(-1);
  if (!last) return { ...base, status: 'unused', verdict: 'no request handled', reason: 'No request reached a backend\'s application.' };
  const ip = detailString(last.event, 'clientIp') ?? '?';
  const real = clients.has(ip);
  return {
    ...base, status: real ? 'yes' : 'no', verdict: real ? `backend sees ${ip}` : `backend sees ${ip}, not the client`,
    reason: carrier ? `${textOf(last.event)} ${textOf(carrier.event)}` : textOf(last.event),
    step: last.index,
  };
}

/** What a layer-7 LB does to the responses it reads, by event type. */
const RESPONSE_ACTIONS = new Set<string>(['lb.cacheHit', 'lb.cacheStored', 'lb.compressed', 'lb.redirected']);

function responseFeatures(events: readonly SimEvent[], http: Capability): Capability {
  const base = { id: 'responseFeatures' as const, label: 'Cache, compress, redirect' };
  const done = findAll(events, (e) => RESPONSE_ACTIONS.has(typeOf(e)));
  const first = done[0];
  if (first) return { ...base, status: 'yes', verdict: `${done.length} action${done.length > 1 ? 's' : ''}`, reason: textOf(first.event), step: first.index };
  if (http.status === 'no') return { ...base, status: 'no', verdict: 'cannot see responses', reason: 'Responses pass through as TLS records it cannot decrypt.' };
  return { ...base, status: 'unused', verdict: 'none in this run', reason: 'It could act on the responses it reads; nothing in this run asked it to.' };
}

const cache = new WeakMap<readonly SimEvent[], readonly Capability[]>();

export function capabilities(events: readonly SimEvent[], options: RunOptions): readonly Capability[] {
  const cached = cache.get(events);
  if (cached) return cached;
  const http = readHttp(events);
  const list = [http, waf(events, options), stickiness(events, options, http), pathRouting(events, http), sniRouting(events), clientIp(events), responseFeatures(events, http)];
  // The reasons are worded by the lazily loaded content: keep only lists made with it.
  if (contentIfLoaded()) cache.set(events, list);
  return list;
}

export interface CapabilityChange {
  readonly label: string;
  readonly before: string;
  readonly after: string;
}

/** What changed between two runs of the same scenario: the lines whose verdict differs. */
export function capabilityChanges(before: readonly Capability[], after: readonly Capability[]): CapabilityChange[] {
  return after.flatMap((cap) => {
    const old = before.find((c) => c.id === cap.id);
    return old && (old.status !== cap.status || old.verdict !== cap.verdict) ? [{ label: cap.label, before: old.verdict, after: cap.verdict }] : [];
  });
}
