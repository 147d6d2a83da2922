/**
 * What anyone tapping a link can read up to a step, from the keyless dissection of every packet that crossed it
 * so far (the engine's layers): the label on each link of the topology. Facts only; src/sim/content words them.
 *
 * The stage asks on every step of playback, so each run is scanned once: for each link, the first step at which
 * each fact became true (they never become false again). A step's summary then costs a few comparisons.
 */
import type { LinkId, LinkReadable, LinkSummary, SimEvent } from '../../sim/index';
import { clientAddresses, isPacket } from './events';

export type { LinkSummary } from '../../sim/index';

type Fact = 'any' | 'http' | 'encrypted' | 'sni' | 'outer-sni' | 'certificate' | 'client-ip';
/** The first event index at which each fact held on one link (absent: never in this run). */
type FirstSeen = Partial<Record<Fact, number>>;

interface RunLinks {
  readonly first: Readonly<Record<LinkId, FirstSeen>>;
  readonly last: number;
  /** Summaries already built, by step: playback asks for the same few again and again. */
  readonly byStep: Map<number, Readonly<Record<LinkId, LinkSummary>>>;
}

const cache = new WeakMap<readonly SimEvent[], RunLinks>();

function firstSeen(events: readonly SimEvent[]): Record<LinkId, FirstSeen> {
  const clients = clientAddresses(events);
  const out: Record<LinkId, FirstSeen> = { internet: {}, internal: {} };
  events.forEach((e, index) => {
    if (!isPacket(e)) return;
    const seen = out[e.link];
    const mark = (fact: Fact): void => {
      seen[fact] ??= index;
    };
    mark('any');
    if (clients.has(e.src.ip) || clients.has(e.dst.ip)) mark('client-ip');
    for (const layer of e.layers) {
      if (layer.kind === 'http') mark('http');
      if (layer.kind === 'proxy') mark('client-ip');
      if (layer.kind === 'tls' && layer.encrypted) mark('encrypted');
      if (layer.kind === 'data' && layer.facts.partialTlsRecord) mark('encrypted');
      if (layer.kind !== 'tls') continue;
      if (layer.facts.sni !== null) mark('sni');
      // With ECH the name on the wire is the outer, public one: say so rather than promise the real SNI.
      if (layer.facts.messages.some((m) => m.type === 'client_hello' && m.encryptedClientHello)) mark('outer-sni');
      if (layer.facts.messages.some((m) => m.type === 'certificate')) mark('certificate');
    }
  });
  return out;
}

function summarize(seen: FirstSeen, upTo: number, complete: boolean): LinkSummary {
  const has = (fact: Fact): boolean => (seen[fact] ?? Infinity) <= upTo;
  if (!has('any')) return { kind: 'idle', readable: [], quiet: complete && seen.any === undefined ? 'none' : 'not-yet' };
  const readable: LinkReadable[] = [];
  if (has('sni')) readable.push('sni');
  else if (has('outer-sni')) readable.push('outer-sni');
  if (has('certificate')) readable.push('certificate');
  if (has('client-ip')) readable.push('client-ip');
  const kind = has('http') ? 'cleartext' : has('encrypted') ? 'encrypted' : 'handshake';
  return { kind, readable };
}

function runLinks(events: readonly SimEvent[]): RunLinks {
  let run = cache.get(events);
  if (!run) cache.set(events, (run = { first: firstSeen(events), last: events.length - 1, byStep: new Map() }));
  return run;
}

/** Each link's summary as of step `upTo` (default: the whole run). */
export function linkSummaries(events: readonly SimEvent[], upTo = events.length - 1): Readonly<Record<LinkId, LinkSummary>> {
  const run = runLinks(events);
  const step = Math.min(upTo, run.last);
  let out = run.byStep.get(step);
  if (!out) {
    const complete = step >= run.last;
    out = { internet: summarize(run.first.internet, step, complete), internal: summarize(run.first.internal, step, complete) };
    run.byStep.set(step, out);
  }
  return out;
}
