/**
 * The stage follows the playhead: what the topology says at a step is what has happened up to that step. Asserted
 * as a learner would notice it: no WAF verdict before any request, the inspected count equal to the requests sent
 * so far, the highlighted backend equal to the LB's routing decision, no session keys before a handshake.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { linkText, verdictText, type Mode, type SimEvent } from '../../src/sim/index';
import { activeBackendAt } from '../../src/state/derive/activeBackend';
import { capabilities } from '../../src/state/derive/capabilities';
import { linkSummaries } from '../../src/state/derive/linkReadability';
import { outcomesUpTo } from '../../src/state/derive/outcomes';
import { sessionKeyHolders } from '../../src/state/derive/sessionKeys';
import type { ModeRun } from '../../src/state/store';
import { runAllModes } from './helpers/timelines';

let sqli: Record<Mode, ModeRun>;
let basic: Record<Mode, ModeRun>;
let cart: Record<Mode, ModeRun>;
beforeAll(async () => {
  [sqli, basic, cart] = await Promise.all([runAllModes('sqli'), runAllModes('basic'), runAllModes('cart')]);
});

const wafAt = (run: ModeRun, step: number) => capabilities(run.timeline.events, run.timeline.options, step).find((c) => c.id === 'waf')!;
const countOf = (events: readonly SimEvent[], type: SimEvent['type'], upTo: number): number => events.slice(0, upTo + 1).filter((e) => e.type === type).length;

describe('the stage at a step', () => {
  it('sqli in passthrough, steps 0 and 1: no WAF verdict, no record sizes, nothing on the internal network yet', () => {
    const run = sqli.passthrough;
    for (const step of [0, 1]) {
      const waf = wafAt(run, step);
      expect(waf.verdict).toEqual({ code: 'not-yet' });
      expect(verdictText(waf.verdict)).toBe('nothing to inspect yet');
      expect(waf.step).toBeUndefined();
      const links = linkSummaries(run.timeline.events, step);
      expect(links.internal.kind).toBe('idle');
      expect(linkText(links.internal)).toBe('nothing sent yet');
      expect(sessionKeyHolders(run.timeline.events, step)).toEqual([]);
      expect(activeBackendAt(run.timeline.events, step)).toBeNull();
    }
    // The whole run still says what it always said.
    expect(wafAt(run, run.timeline.events.length - 1).verdict).toEqual({ code: 'cannot-inspect' });
  });

  it('offload, basic: the inspected count at every step equals the requests sent so far', () => {
    const { events } = basic.offload.timeline;
    const mid = Math.floor(events.length / 2);
    for (const step of [mid, events.length - 1]) {
      const inspected = countOf(events, 'waf.inspected', step);
      expect(inspected).toBeGreaterThan(0);
      expect(inspected).toBe(countOf(events, 'http.requestSent', step));
      expect(wafAt(basic.offload, step).verdict).toEqual({ code: 'inspected', count: inspected });
    }
    expect(countOf(events, 'waf.inspected', mid)).toBeLessThan(countOf(events, 'waf.inspected', events.length - 1));
  });

  it('the highlighted backend is the one the LB routed this connection to', () => {
    for (const mode of ['passthrough', 'offload'] as const) {
      const { events } = cart[mode].timeline;
      const routed = events.flatMap((e, i) => (e.type === 'lb.routed' ? [{ i, backend: e.detail.backend }] : []));
      // Round robin without a readable cookie scatters passthrough's connections; offload's cookie pins them.
      expect(new Set(routed.map((r) => r.backend)).size).toBe(mode === 'passthrough' ? 3 : 1);
      for (const r of routed) expect(activeBackendAt(events, r.i)).toBe(r.backend);
      // The next packet from the LB to a backend goes to the same one, and it stays highlighted.
      for (const r of routed) {
        const toBackend = events.findIndex((e, i) => i > r.i && e.type === 'tcp.segmentSent' && e.from === 'lb' && e.to.startsWith('backend'));
        expect((events[toBackend] as { to: string }).to).toBe(r.backend);
        expect(activeBackendAt(events, toBackend)).toBe(r.backend);
      }
    }
  });

  it('a new connection from the client has no backend until the LB routes it', () => {
    const { events } = cart.passthrough.timeline;
    const syns = events.flatMap((e, i) => (e.type === 'tcp.segmentSent' && e.from === 'client' && e.flags.includes('SYN') ? [i] : []));
    expect(syns.length).toBeGreaterThan(1);
    for (const i of syns) expect(activeBackendAt(events, i)).toBeNull();
  });

  it('session keys appear with the handshake: none at the start, client and backend in passthrough by the end', () => {
    const { events } = sqli.passthrough.timeline;
    const firstDerived = events.findIndex((e) => e.type === 'tls.keysDerived' || e.type === 'tls.handshakeCompleted');
    expect(sessionKeyHolders(events, firstDerived - 1)).toEqual([]);
    expect(sessionKeyHolders(events, events.length - 1)).toEqual(expect.arrayContaining(['client', 'backend-1']));
    expect(sessionKeyHolders(events, events.length - 1)).not.toContain('lb');
  });

  it('the outcome banner waits for the step that decides it: the lost cart only once GET /cart is answered', () => {
    const { timeline } = cart.passthrough;
    const decided = timeline.events.findLastIndex((e) => e.type === 'http.responseReceived' && e.detail.target === '/cart');
    expect(outcomesUpTo(timeline, decided - 1)).toEqual([]);
    expect(outcomesUpTo(timeline, decided).map((o) => o.code)).toEqual(['cart-lost']);
    expect(outcomesUpTo(timeline, timeline.events.length - 1).map((o) => o.code)).toEqual(['cart-lost']);
  });

  it('answers for a step are cached: the same object on every ask during playback', () => {
    const { events, options } = basic.offload.timeline;
    expect(linkSummaries(events, 10)).toBe(linkSummaries(events, 10));
    expect(capabilities(events, options, 10)).toBe(capabilities(events, options, 10));
    expect(capabilities(events, options)).toBe(capabilities(events, options, events.length + 5));
  });
});
