/**
 * "What the load balancer can do" in one run, each answer with its evidence taken from the run itself: the WAF's
 * own verdict events, the routing decisions it logged, what the backend's application believed, and the outcome of
 * the load balancer's decryption attempts. The options only say what was switched on; never whether it could
 * work. Facts only: src/sim/content words them (verdictText, capabilityReason).
 */
import type { Capability, CapabilityEvidence, CapabilityId, CapabilityVerdict, RunOptions, SimEvent } from '../../sim/index';
import { clientAddresses, detailString, HTTP_START, isPacket, typeOf } from './events';

export type { Capability, CapabilityId, CapabilityStatus } from '../../sim/index';

type Found = { index: number; event: SimEvent };

function findAll(events: readonly SimEvent[], test: (e: SimEvent) => boolean): Found[] {
  const out: Found[] = [];
  events.forEach((event, index) => {
    if (test(event)) out.push({ index, event });
  });
  return out;
}

const said = (...found: Found[]): CapabilityEvidence => ({ kind: 'events', indexes: found.map((f) => f.index) });
const setup = (code: Extract<CapabilityEvidence, { kind: 'setup' }>['code']): CapabilityEvidence => ({ kind: 'setup', code });

/** The routing facts of an lb.routed event (typed: the engine's own type). */
const routedDetail = (e: SimEvent) => (e.type === 'lb.routed' ? e.detail : undefined);

function readHttp(events: readonly SimEvent[]): Capability {
  const id = 'readHttp';
  let encrypted: Found | undefined;
  let plainOnly: number | undefined;
  for (const [index, e] of events.entries()) {
    if (!isPacket(e) || e.to !== 'lb' || e.direction !== 'c2s' || e.payload.length === 0) continue;
    const view = e.views.lb;
    if (view?.readability === 'plaintext' && view.plaintext && HTTP_START.test(view.plaintext)) {
      // A request that came without TLS at all (port 80) says nothing about what the LB can do with HTTPS.
      const overTls = e.layers.some((l) => l.kind === 'tls');
      if (overTls) return { id, status: 'yes', verdict: { code: 'reads-http' }, evidence: { kind: 'view', reason: view.reason }, step: index };
      plainOnly ??= index;
    }
    if (view?.readability === 'encrypted' && !encrypted) encrypted = { index, event: e };
  }
  if (plainOnly !== undefined) return { id, status: 'yes', verdict: { code: 'plain-http-only' }, evidence: setup('plain-http-only'), step: plainOnly };
  if (encrypted && isPacket(encrypted.event) && encrypted.event.views.lb) {
    return { id, status: 'no', verdict: { code: 'ciphertext-only' }, evidence: { kind: 'view', reason: encrypted.event.views.lb.reason }, step: encrypted.index };
  }
  return { id, status: 'unused', verdict: { code: 'no-request-arrived' }, evidence: setup('no-app-data') };
}

/** `complete`: the events are the whole run; else only those up to the playhead, and later verdicts may come. */
function waf(events: readonly SimEvent[], options: RunOptions, complete: boolean): Capability {
  const id = 'waf';
  const verdicts = findAll(events, (e) => typeOf(e).startsWith('waf.'));
  const blocked = verdicts.filter((v) => typeOf(v.event) === 'waf.blocked');
  const inspected = verdicts.filter((v) => typeOf(v.event) === 'waf.inspected');
  const blind = verdicts.filter((v) => typeOf(v.event) === 'waf.notInspected');
  const limited = verdicts.filter((v) => typeOf(v.event) === 'waf.rateLimited');
  const first = blocked[0] ?? blind[0] ?? inspected[0] ?? limited[0];
  if (!first) {
    if (options.waf && !complete) return { id, status: 'unused', verdict: { code: 'not-yet' }, evidence: setup('waf-not-yet') };
    return options.waf
      ? { id, status: 'unused', verdict: { code: 'no-verdict' }, evidence: setup('no-waf-verdict') }
      : { id, status: 'off', verdict: { code: 'switched-off' }, evidence: setup('waf-off') };
  }
  const verdict: CapabilityVerdict = blocked.length > 0 ? { code: 'blocked', count: blocked.length }
    : inspected.length > 0 ? { code: 'inspected', count: inspected.length }
    : blind.length > 0 ? { code: 'cannot-inspect' }
    : { code: 'rate-limiting' };
  return { id, status: verdict.code === 'cannot-inspect' ? 'no' : 'yes', verdict, evidence: said(first), step: first.index };
}

function routedEvents(events: readonly SimEvent[]): Found[] {
  return findAll(events, (e) => typeOf(e) === 'lb.routed');
}

/** A capability that needs the HTTP request, when the LB could not read it. */
function blockedByTls(id: CapabilityId, code: 'cannot-read-cookies' | 'path-encrypted', need: 'cookie' | 'path', http: Capability): Capability {
  return { id, status: 'no', verdict: { code }, evidence: { kind: 'needs-http', need, http: http.evidence }, ...(http.step !== undefined ? { step: http.step } : {}) };
}

function stickiness(events: readonly SimEvent[], options: RunOptions, http: Capability): Capability {
  const id = 'stickiness';
  const routed = routedEvents(events);
  const byCookie = routed.find((r) => routedDetail(r.event)?.basis === 'cookie');
  if (byCookie) return { id, status: 'yes', verdict: { code: 'pinned-by-cookie' }, evidence: said(byCookie), step: byCookie.index };
  if (!options.stickyCookie) return { id, status: 'off', verdict: { code: 'switched-off' }, evidence: setup('cookie-off') };
  if (http.status === 'no') return blockedByTls(id, 'cannot-read-cookies', 'cookie', http);
  const mention = routed.find((r) => routedDetail(r.event)?.cookie !== undefined);
  if (mention) return { id, status: 'unused', verdict: { code: 'no-cookie-yet' }, evidence: said(mention), step: mention.index };
  return { id, status: 'unused', verdict: { code: 'not-needed' }, evidence: setup('cookie-not-needed') };
}

function pathRouting(events: readonly SimEvent[], http: Capability): Capability {
  const id = 'pathRouting';
  const routed = routedEvents(events);
  const byPath = routed.find((r) => { const d = routedDetail(r.event); return d !== undefined && d.basis !== 'cookie' && d.pool.by === 'path'; });
  if (byPath) return { id, status: 'yes', verdict: { code: 'routed-by-path' }, evidence: said(byPath), step: byPath.index };
  if (http.status === 'no') return blockedByTls(id, 'path-encrypted', 'path', http);
  const first = routed[0];
  return {
    id, status: 'unused', verdict: { code: 'could-did-not-need' },
    evidence: first ? { kind: 'routes-by', basis: routedDetail(first.event)?.basis ?? null } : setup('nothing-routed'),
    ...(first ? { step: first.index } : {}),
  };
}

function sniRouting(events: readonly SimEvent[]): Capability {
  const id = 'sniRouting';
  const read = findAll(events, (e) => typeOf(e) === 'lb.sniRead')[0];
  if (read) return { id, status: 'yes', verdict: { code: 'read-sni', serverName: detailString(read.event, 'serverName') ?? null }, evidence: said(read), step: read.index };
  return { id, status: 'unused', verdict: { code: 'not-needed' }, evidence: setup('routes-by-host') };
}

function clientIp(events: readonly SimEvent[]): Capability {
  const id = 'clientIp';
  const clients = clientAddresses(events);
  const handled = findAll(events, (e) => typeOf(e) === 'http.requestHandled');
  const carrier = findAll(events, (e) => typeOf(e) === 'lb.headerAdded' || typeOf(e) === 'lb.proxyHeaderSent')[0];
  const last = handled.at(-1);
  if (!last) return { id, status: 'unused', verdict: { code: 'no-request-handled' }, evidence: setup('no-request-handled') };
  const ip = detailString(last.event, 'clientIp') ?? '?';
  const real = clients.has(ip);
  return { id, status: real ? 'yes' : 'no', verdict: { code: 'backend-sees', ip, real }, evidence: carrier ? said(last, carrier) : said(last), step: last.index };
}

/** What a layer-7 LB does to the responses it reads, by event type. */
const RESPONSE_ACTIONS = new Set<string>(['lb.cacheHit', 'lb.cacheStored', 'lb.compressed', 'lb.redirected']);

function responseFeatures(events: readonly SimEvent[], http: Capability): Capability {
  const id = 'responseFeatures';
  const done = findAll(events, (e) => RESPONSE_ACTIONS.has(typeOf(e)));
  const first = done[0];
  if (first) return { id, status: 'yes', verdict: { code: 'response-actions', count: done.length }, evidence: said(first), step: first.index };
  if (http.status === 'no') return { id, status: 'no', verdict: { code: 'cannot-see-responses' }, evidence: setup('responses-encrypted') };
  return { id, status: 'unused', verdict: { code: 'none-in-run' }, evidence: setup('no-response-action') };
}

function compute(events: readonly SimEvent[], options: RunOptions, complete: boolean): readonly Capability[] {
  const http = readHttp(events);
  return [http, waf(events, options, complete), stickiness(events, options, http), pathRouting(events, http), sniRouting(events), clientIp(events), responseFeatures(events, http)];
}

/** Per run: the whole run's answers, and those of each step asked for so far (the stage asks on every step). */
const cache = new WeakMap<readonly SimEvent[], Map<number, readonly Capability[]>>();

/**
 * What the load balancer could do, from the events up to step `upTo` (default: the whole run). Evidence indexes
 * point into `events` either way.
 */
export function capabilities(events: readonly SimEvent[], options: RunOptions, upTo = events.length - 1): readonly Capability[] {
  const last = events.length - 1;
  const step = Math.min(upTo, last);
  let byStep = cache.get(events);
  if (!byStep) cache.set(events, (byStep = new Map()));
  let list = byStep.get(step);
  if (!list) byStep.set(step, (list = step >= last ? compute(events, options, true) : compute(events.slice(0, step + 1), options, false)));
  return list;
}

export interface CapabilityChange {
  readonly id: CapabilityId;
  readonly before: CapabilityVerdict;
  readonly after: CapabilityVerdict;
}

const sameVerdict = (a: CapabilityVerdict, b: CapabilityVerdict): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What changed between two runs of the same scenario: the capabilities whose verdict differs. */
export function capabilityChanges(before: readonly Capability[], after: readonly Capability[]): CapabilityChange[] {
  return after.flatMap((cap) => {
    const old = before.find((c) => c.id === cap.id);
    return old && (old.status !== cap.status || !sameVerdict(old.verdict, cap.verdict)) ? [{ id: cap.id, before: old.verdict, after: cap.verdict }] : [];
  });
}
