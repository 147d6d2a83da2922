/**
 * A question's choices and its correct answer, computed from the run it is asked about: the observers' real
 * views, the routing decisions, the WAF verdicts, the backends' logs. Nothing here is an answer key: switch the
 * WAF off, or change the balancing, and the answer changes with the run.
 */
import { LB_INTERNAL_ADDRESS, LB_VIP } from '../net/topology';
import type { Mode } from '../scenarios/types';
import type { Choice, LessonRun, LessonRuns, QuestionAnswer, WafOutcome, CartState } from './answers';
import { measureModes } from './requirements';
import { indexed, isPacket } from '../core/eventIndex';
import { cartsByClient } from '../run/outcome';
import { observersOf, pathOf, pick, reads, requestSent } from './runFacts';
import type { QuestionSpec, RequestRef } from './types';

const single = (choices: Choice[], correct: string, step: number | null, extra: Partial<QuestionAnswer> = {}): QuestionAnswer =>
  ({ multiple: false, choices, correct: [correct], proof: { step }, ...extra });

function whoReads(run: LessonRun, secret: 'password' | 'cookie' | 'request'): QuestionAnswer {
  const { timeline } = run;
  const observers = observersOf(timeline);
  const packets = timeline.events.map((e, index) => ({ e, index })).filter((p) => isPacket(p.e));
  const readers = observers.filter((o) => packets.some(({ e }) => isPacket(e) && reads(e, o, secret)));
  // The proof: the first packet carrying the secret past the load balancer, seen through the LB's eyes (it shows
  // the plaintext where the LB reads it, and only ciphertext where it does not).
  const carrying = packets.find(({ e }) => isPacket(e) && e.from === 'client' && e.to === 'lb' && reads(e, 'client', secret));
  return {
    multiple: true,
    choices: observers.map((observer) => ({ id: observer, fact: { kind: 'observer', observer } })),
    correct: readers,
    proof: { step: carrying?.index ?? null, viewAs: 'lb' },
  };
}

function keyHolders(run: LessonRun): QuestionAnswer {
  const placement = run.timeline.keyPlacement;
  const nodes = ['lb', 'backend-1', 'backend-2', 'backend-3'] as const;
  return {
    multiple: true,
    choices: nodes.map((observer) => ({ id: observer, fact: { kind: 'observer', observer } })),
    correct: nodes.filter((n) => placement[n].some((held) => held.role === 'site')),
    proof: { step: null, panel: 'key-placement' },
  };
}

function servedBy(run: LessonRun, ref: RequestRef): QuestionAnswer | null {
  const sent = requestSent(run.timeline, ref);
  const served = sent && run.summary.backendPerRequest.find((r) => r.request === sent.index);
  const response = sent && indexed(run.timeline.events, 'http.responseReceived').find(({ event }) => event.detail.index === sent.index);
  const choices: Choice[] = [
    ...(['backend-1', 'backend-2', 'backend-3'] as const).map((b): Choice => ({ id: b, fact: { kind: 'observer', observer: b } })),
    { id: 'lb', fact: { kind: 'lb-itself' } },
  ];
  if (!served) return null;
  return single(choices, served.servedBy ?? 'lb', response?.index ?? sent.step);
}

function clientIp(run: LessonRun, ref: RequestRef): QuestionAnswer | null {
  const { timeline } = run;
  const handled = pick(indexed(timeline.events, 'http.requestHandled'), ref, ({ event }) => event.detail);
  if (!handled) return null;
  const clientAddresses = new Set(timeline.events.filter(isPacket).filter((p) => p.from === 'client').map((p) => p.src.ip));
  // Addresses the client claimed in its own X-Forwarded-For, read from the bytes it sent.
  const claimed = new Set<string>();
  for (const p of timeline.events.filter(isPacket)) {
    if (p.from !== 'client') continue;
    for (const m of (p.views.client?.plaintext ?? '').matchAll(/^x-forwarded-for:\s*([^\r\n]+)/gim)) {
      for (const address of m[1]!.split(',')) claimed.add(address.trim());
    }
  }
  const whose = (address: string): 'client' | 'lb' | 'claimed' =>
    clientAddresses.has(address) ? 'client' : address === LB_INTERNAL_ADDRESS || address === LB_VIP ? 'lb' : 'claimed';
  const addresses = [...new Set([...clientAddresses, LB_INTERNAL_ADDRESS, ...claimed, handled.event.detail.clientIp])];
  return single(addresses.map((address) => ({ id: address, fact: { kind: 'address', address, whose: whose(address) } })), handled.event.detail.clientIp, handled.index);
}

function wafVerdict(run: LessonRun, ref: RequestRef): QuestionAnswer | null {
  const { events } = run.timeline;
  const sent = requestSent(run.timeline, ref);
  if (!sent) return null;
  // The WAF's notes say "GET /search?q=...": compare the target after the method (and the method when asked).
  const about = (type: 'waf.blocked' | 'waf.inspected') => indexed(events, type).find(({ event }) =>
    pathOf(event.detail.target).startsWith(ref.target) && (ref.method === undefined || event.detail.target.startsWith(`${ref.method} `)));
  const blocked = about('waf.blocked');
  const inspected = about('waf.inspected');
  const blind = indexed(events, 'waf.notInspected').find(({ index }) => index > sent.step);
  const verdict: WafOutcome = blocked ? 'blocked' : inspected ? 'passed' : 'not-inspected';
  const handled = pick(indexed(events, 'http.requestHandled'), ref, ({ event }) => event.detail);
  const step = (blocked ?? inspected ?? blind ?? handled)?.index ?? sent.step;
  const verdicts: WafOutcome[] = ['blocked', 'passed', 'not-inspected'];
  return single(verdicts.map((v) => ({ id: v, fact: { kind: 'waf', verdict: v } })), verdict, step);
}

function handledCount(run: LessonRun, ref: RequestRef): QuestionAnswer | null {
  const { events } = run.timeline;
  const sentCount = indexed(events, 'http.requestSent').filter(({ event }) => event.detail.target.startsWith(ref.target)).length;
  if (sentCount === 0) return null;
  const handled = indexed(events, 'http.requestHandled').filter(({ event }) => event.detail.target.startsWith(ref.target) && (ref.method === undefined || event.detail.method === ref.method));
  const limited = indexed(events, 'waf.rateLimited')[0];
  const choices = Array.from({ length: sentCount + 1 }, (_, count): Choice => ({ id: String(count), fact: { kind: 'count', count } }));
  return single(choices, String(handled.length), limited?.index ?? handled.at(-1)?.index ?? null);
}

function cart(run: LessonRun): QuestionAnswer | null {
  const lastView = indexed(run.timeline.events, 'http.responseReceived').filter(({ event }) => event.detail.target === '/cart').at(-1);
  // The cart of the browser that looked last (behind a NAT, six shoppers fill six carts).
  const mine = lastView && cartsByClient(run.timeline).find((c) => c.client === lastView.event.detail.client);
  if (!lastView || !mine) return null;
  const state: CartState = mine.code === 'cart-kept' ? 'kept' : mine.items.length === 0 ? 'empty' : 'partial';
  const states: CartState[] = ['kept', 'partial', 'empty'];
  return single(states.map((s) => ({ id: s, fact: { kind: 'cart', state: s } })), state, lastView.index);
}

const yesNo = (yes: boolean, step: number | null): QuestionAnswer =>
  single([{ id: 'yes', fact: { kind: 'yes-no', yes: true } }, { id: 'no', fact: { kind: 'yes-no', yes: false } }], yes ? 'yes' : 'no', step);

function lbSeesCertificate(run: LessonRun): QuestionAnswer | null {
  const seen = indexed(run.timeline.events, 'lb.serverHandshakeSeen')[0];
  if (seen) return yesNo(seen.event.detail.certificateSubject !== null, seen.index);
  // The LB ended the client's TLS itself: it sent the certificate, so it certainly saw it.
  const own = indexed(run.timeline.events, 'tls.handshakeCompleted').find(({ event }) => event.node === 'lb');
  return own ? yesNo(true, own.index) : null;
}

function sniSeen(run: LessonRun): QuestionAnswer | null {
  const read = indexed(run.timeline.events, 'lb.sniRead')[0];
  // Only the client's ClientHello counts: in bridging the LB sends its own (naming a backend) on the internal link.
  const fromClient = run.timeline.events.filter(isPacket).filter((p) => p.from === 'client');
  const hello = run.timeline.events.findIndex((e) => isPacket(e) && e.from === 'client' && e.views.lb?.handshake.sni !== undefined);
  const { site, echPublic, api } = run.timeline.names;
  const names = new Set<string>([site, echPublic, api]);
  const seenName = read?.event.detail.serverName ?? fromClient.map((p) => p.views.lb?.handshake.sni).find((s) => s !== undefined) ?? null;
  if (seenName) names.add(seenName);
  const choices: Choice[] = [...names].map((name) => ({ id: name, fact: { kind: 'server-name', name } }));
  choices.push({ id: 'none', fact: { kind: 'server-name', name: null } });
  return single(choices, seenName ?? 'none', read?.index ?? (hello >= 0 ? hello : null));
}

function clientCertCheckedBy(run: LessonRun): QuestionAnswer {
  const checked = indexed(run.timeline.events, 'tls.handshakeCompleted').filter(({ event }) => event.detail.peer === 'client' && event.detail.peerCertificate !== null);
  const nodes = ['lb', 'backend-1', 'backend-2', 'backend-3'] as const;
  const checkers = new Set<string>(checked.map(({ event }) => event.node));
  return {
    multiple: true,
    choices: nodes.map((observer) => ({ id: observer, fact: { kind: 'observer', observer } })),
    correct: nodes.filter((n) => checkers.has(n)),
    proof: { step: checked[0]?.index ?? null },
  };
}

function requestSucceeds(run: LessonRun, ref: RequestRef): QuestionAnswer | null {
  const sent = requestSent(run.timeline, ref);
  if (!sent) {
    // Never sent: the client gave up before it (a handshake that broke), if the scenario has such a request at all.
    const scripted = run.timeline.requests
      .findIndex((r) => r.path.startsWith(ref.target) && (ref.method === undefined || r.method === ref.method) && (ref.host === undefined || (r.host ?? run.timeline.names.site) === ref.host));
    // The visit ends at the request it gave up on: that one and every later one never got an answer.
    const gaveUp = indexed(run.timeline.events, 'client.gaveUp').find(({ event }) => scripted >= event.detail.request);
    return scripted >= 0 && gaveUp ? yesNo(false, gaveUp.index) : null;
  }
  const response = indexed(run.timeline.events, 'http.responseReceived').find(({ event }) => event.detail.index === sent.index);
  const gaveUp = indexed(run.timeline.events, 'client.gaveUp').find(({ event }) => event.detail.request === sent.index);
  const ok = response !== undefined && response.event.detail.status < 400;
  return yesNo(ok, (response ?? gaveUp)?.index ?? null);
}

/**
 * The answer to a question from the runs of its beat (`mode`: the beat's mode), or null while a run it needs is
 * still being computed or the run never reached what the question is about.
 */
export function answerQuestion(spec: QuestionSpec, runs: LessonRuns, mode: Mode): QuestionAnswer | null {
  if (spec.kind === 'choose-mode') return measureModes(spec.requirements, runs);
  const run = runs[mode];
  if (!run) return null;
  switch (spec.kind) {
    case 'who-reads': return whoReads(run, spec.secret);
    case 'key-holders': return keyHolders(run);
    case 'served-by': return servedBy(run, spec.request);
    case 'client-ip': return clientIp(run, spec.request);
    case 'waf-verdict': return wafVerdict(run, spec.request);
    case 'handled-count': return handledCount(run, spec.request);
    case 'cart': return cart(run);
    case 'lb-sees-certificate': return lbSeesCertificate(run);
    case 'sni-seen': return sniSeen(run);
    case 'client-cert-checked-by': return clientCertCheckedBy(run);
    case 'request-succeeds': return requestSucceeds(run, spec.request);
  }
}
