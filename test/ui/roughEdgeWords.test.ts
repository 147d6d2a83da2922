/**
 * Words a first-time visitor found wrong or missing (issue 15): a continued HTTP message was labelled "data", a
 * passthrough LB that read only the port-80 request was said to "read the HTTP requests", and a backend's 301 to a
 * direct request came without a word on why.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { capabilityReason, narrate } from '../../src/sim/content/index';
import { verdictText, type Mode } from '../../src/sim/index';
import { capabilities } from '../../src/state/derive/capabilities';
import { isPacket } from '../../src/state/derive/events';
import { wireLook } from '../../src/state/derive/wireLook';
import type { ModeRun } from '../../src/state/store';
import { runAllModes } from './helpers/timelines';

let basic: Record<Mode, ModeRun>;
let redirect: Record<Mode, ModeRun>;
let mtls: Record<Mode, ModeRun>;
beforeAll(async () => {
  basic = await runAllModes('basic');
  redirect = await runAllModes('http-redirect');
  mtls = await runAllModes('mtls');
}, 120_000);

describe('labels and verdicts', () => {
  it('the rest of an HTTP response in its own segment is labelled as HTTP, continued, in cleartext', () => {
    const packets = basic.offload.timeline.events.filter(isPacket);
    const continued = packets.filter((p) => p.layers.some((l) => l.kind === 'data' && l.facts.httpContinued));
    expect(continued.length).toBeGreaterThan(0);
    for (const p of continued) {
      expect(p.label).toBe('HTTP (continued)');
      expect(wireLook(p).text).toBe('rest of the HTTP message, cleartext');
    }
    expect(packets.some((p) => p.label === 'data')).toBe(false);
  });

  it('in passthrough, reading the port-80 request is not reading the HTTPS requests', () => {
    const read = capabilities(redirect.passthrough.timeline.events, redirect.passthrough.timeline.options).find((c) => c.id === 'readHttp')!;
    expect(read.verdict).toEqual({ code: 'plain-http-only' });
    expect(verdictText(read.verdict)).toBe('only the port-80 request');
    expect(capabilityReason(read.evidence, redirect.passthrough.timeline.events, 'passthrough')).toMatch(/port 80 without TLS.*HTTPS stayed encrypted/);
    const offload = capabilities(redirect.offload.timeline.events, redirect.offload.timeline.options).find((c) => c.id === 'readHttp')!;
    expect(offload.verdict).toEqual({ code: 'reads-http' });
  });

  it('a backend that redirects a direct cleartext request says why (mtls, passthrough)', () => {
    const { events } = mtls.passthrough.timeline;
    const handled = events.find((e) => e.type === 'http.requestHandled' && e.detail.status === 301);
    expect(handled).toBeDefined();
    const words = narrate(handled!, 'passthrough', 'tls1.3');
    expect(words.modeNote).toMatch(/ends TLS itself, so its port 80 only redirects/);
  });
});
