import { beforeAll, describe, expect, it } from 'vitest';
import { CAPABILITY_LABELS, linkText, verdictText, type Mode } from '../../src/sim/index';
import { capabilityReason } from '../../src/sim/content/index';
import { capabilities, capabilityChanges } from '../../src/state/derive/capabilities';
import { comparableStep } from '../../src/state/derive/comparable';
import { requestAcrossMode, requestStarts } from '../../src/state/derive/compare';
import { isPacket, typeOf } from '../../src/state/derive/events';
import { linkSummaries } from '../../src/state/derive/linkReadability';
import { whoCanRead } from '../../src/state/derive/whoCanRead';
import { wireLook } from '../../src/state/derive/wireLook';
import type { ModeRun } from '../../src/state/store';
import { carriesHttpInTls, runAllModes } from './helpers/timelines';

let runs: Record<Mode, ModeRun>;
const events = (mode: Mode) => runs[mode].timeline.events;
beforeAll(async () => {
  runs = await runAllModes('basic');
});

describe('comparable step', () => {
  it('maps a timeline onto itself unchanged', () => {
    const e = events('offload');
    for (let i = 0; i < e.length; i++) expect(comparableStep(e, e, i)).toBe(i);
  });

  it('maps each request of one mode onto the same request in another', () => {
    for (const [from, to] of [['passthrough', 'offload'], ['offload', 'bridge'], ['bridge', 'passthrough']] as const) {
      const a = requestStarts(events(from));
      const b = requestStarts(events(to));
      a.forEach((step, r) => expect(comparableStep(events(from), events(to), step)).toBe(b[r]));
    }
  });

  it('maps the client->LB ClientHello onto the client->LB ClientHello', () => {
    const a = events('passthrough');
    const b = events('bridge');
    const hello = a.findIndex((e) => isPacket(e) && e.from === 'client' && e.label === 'ClientHello');
    const mapped = b[comparableStep(a, b, hello)]!;
    expect(isPacket(mapped) && mapped.from === 'client' && mapped.label === 'ClientHello').toBe(true);
  });
});

describe('derived views come from the run', () => {
  it('the WAF capability is the WAF\'s own verdict', () => {
    const pass = capabilities(events('passthrough'), runs.passthrough.timeline.options).find((c) => c.id === 'waf')!;
    const off = capabilities(events('offload'), runs.offload.timeline.options).find((c) => c.id === 'waf')!;
    expect(pass.verdict).toEqual({ code: 'cannot-inspect' });
    expect(typeOf(events('passthrough')[pass.step!]!)).toBe('waf.notInspected');
    expect(off.status).toBe('yes');
    expect(typeOf(events('offload')[off.step!]!)).toMatch(/^waf\./);
  });

  it('capabilities are facts the content words: every verdict and reason of every mode reads as a sentence', () => {
    for (const mode of ['passthrough', 'offload', 'bridge'] as const) {
      for (const cap of capabilities(events(mode), runs[mode].timeline.options)) {
        expect(CAPABILITY_LABELS[cap.id]).toMatch(/^[A-Z]/);
        expect(verdictText(cap.verdict).length).toBeGreaterThan(3);
        expect(capabilityReason(cap.evidence, events(mode), mode)).toMatch(/^\S.{10,}/);
      }
    }
    const pass = capabilities(events('passthrough'), runs.passthrough.timeline.options);
    // In passthrough the LB reads only ciphertext, and the evidence is its own failed decryption.
    expect(pass.find((c) => c.id === 'readHttp')).toMatchObject({ status: 'no', verdict: { code: 'ciphertext-only' }, evidence: { kind: 'view' } });
  });

  it('what changed between passthrough and offloading includes the WAF and reading HTTP', () => {
    const changes = capabilityChanges(
      capabilities(events('passthrough'), runs.passthrough.timeline.options),
      capabilities(events('offload'), runs.offload.timeline.options),
    );
    expect(changes.map((c) => c.id)).toEqual(expect.arrayContaining(['readHttp', 'waf']));
  });

  it('who can read what: the LB reads the password body only where it terminates TLS; the internal tap only in offloading', () => {
    const last = (mode: Mode) => whoCanRead(events(mode), events(mode).length - 1, true);
    expect(last('passthrough').lb.body.state).toBe('encrypted');
    expect(last('passthrough').lb.sni.state).toBe('read');
    expect(last('offload').lb.body.state).toBe('read');
    expect(last('offload')['eve-internal'].body.text).toContain('password');
    expect(last('bridge')['eve-internal'].body.state).toBe('encrypted');
    expect(last('passthrough')['eve-internet'].cookies.state).toBe('encrypted');
    expect(last('passthrough')['backend-1'].clientIp.state).toBe('absent');
    expect(last('offload')['backend-1'].clientIp.text).toContain('forwarding header');
  });

  it('who can read what grows with the step', () => {
    const e = events('offload');
    expect(whoCanRead(e, 0, true).lb.headers.state).toBe('absent');
    expect(whoCanRead(e, e.length - 1, true).lb.headers.state).toBe('read');
  });

  it('links are labelled from the packets that crossed them', () => {
    expect(linkSummaries(events('passthrough')).internal.kind).toBe('encrypted');
    expect(linkSummaries(events('offload')).internal.kind).toBe('cleartext');
    expect(linkSummaries(events('bridge')).internet.kind).toBe('encrypted');
  });

  it('a tap reads the certificate up to TLS 1.2, not in TLS 1.3, and with ECH only the outer name', async () => {
    const [legacy, ech] = await Promise.all([
      runAllModes('basic', { options: { protocol: 'tls1.1' } }),
      runAllModes('ech-breaks-sni-routing', { options: { protocol: 'tls1.3' } }),
    ]);
    expect(linkText(linkSummaries(legacy.passthrough.timeline.events).internet)).toBe('TLS, encrypted: only SNI, certificate, client IP readable');
    expect(linkText(linkSummaries(runs.passthrough.timeline.events).internet)).toBe('TLS, encrypted: only SNI, client IP readable');
    expect(linkText(linkSummaries(ech.passthrough.timeline.events).internet)).toBe('TLS, encrypted: only outer (public) SNI, client IP readable');
  });

  it('compares the same request across modes', () => {
    const login = 1;
    expect(requestAcrossMode(events('passthrough'), login)).toMatchObject({ request: 'POST /login', loadBalancer: { readability: 'encrypted' } });
    expect(requestAcrossMode(events('offload'), login)).toMatchObject({ loadBalancer: { readability: 'plaintext' }, internalEavesdropper: { readability: 'plaintext' } });
    expect(requestAcrossMode(events('bridge'), login)).toMatchObject({ internalEavesdropper: { readability: 'encrypted' } });
  });

  it('labels packets by icon and words', () => {
    const e = events('passthrough');
    const syn = e.find((x) => isPacket(x) && x.flags.includes('SYN'));
    const hello = e.find((x) => isPacket(x) && x.label === 'ClientHello');
    const data = e.find((x) => carriesHttpInTls(x));
    expect(isPacket(syn) && wireLook(syn)).toMatchObject({ kind: 'control', icon: 'none' });
    expect(isPacket(hello) && wireLook(hello)).toMatchObject({ kind: 'handshake', icon: 'unlock' });
    expect(isPacket(data) && wireLook(data)).toMatchObject({ kind: 'encrypted', icon: 'lock', text: 'TLS record, encrypted' });
    const http = events('offload').find((x) => isPacket(x) && x.link === 'internal' && x.payload.length > 0);
    expect(isPacket(http) && wireLook(http)).toMatchObject({ kind: 'cleartext', text: 'HTTP, cleartext' });
  });
});
