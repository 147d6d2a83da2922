/**
 * Protocol facts per termination mode, checked on real runs of the engine (real forge TLS 1.1 bytes, pinned here
 * because several facts are 1.1's: the patterned gmt_unix_time random, RSA key transport; TLS 1.2/1.3 runs are
 * checked in passiveDecoderModern, keySchedule and modernLessons, and the handshake facts per protocol below): who holds
 * which key, which TLS sessions exist, who can read the password, and what the backend believes about the client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, PROTOCOLS, findScenario, generateLabPki, runScenario, summarize, toHex } from '../../src/sim/engine';
import type { LabPki, Mode, RunOptions, SegmentSentEvent, SimEvent, Timeline } from '../../src/sim/engine';

const CLIENT_IP = '203.0.113.10';
const LB_INTERNAL_IP = '10.0.0.1';
const SUITE = 'TLS_RSA_WITH_AES_128_CBC_SHA';

let pki: LabPki;
const cache = new Map<string, Timeline>();

/** One run per (scenario, mode, seed, options), shared by the tests that only read it. */
function run(mode: Mode, options: Partial<RunOptions> = {}, seed = 1, scenarioId = 'basic'): Timeline {
  const key = JSON.stringify([scenarioId, mode, seed, options]);
  let timeline = cache.get(key);
  if (!timeline) {
    timeline = runScenario(findScenario(scenarioId)!, { mode, seed, options: { protocol: 'tls1.1', ...options } }, pki);
    cache.set(key, timeline);
  }
  return timeline;
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const eventsOf = <T extends SimEvent['type']>(t: Timeline, type: T): Extract<SimEvent, { type: T }>[] =>
  t.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
/** A TLS record of content type application_data (23) starts this segment. */
const isAppData = (s: SegmentSentEvent): boolean => s.payload.length > 5 && s.payload[0] === 23 && s.payload[1] === 3;
/** A TLS handshake record (22) whose first message is a ClientHello (1). */
const isClientHello = (s: SegmentSentEvent): boolean => s.payload.length > 5 && s.payload[0] === 22 && s.payload[5] === 1;
/** Everything `observer` decoded as text anywhere in the run. */
const readBy = (t: Timeline, observer: string): string =>
  segments(t).map((s) => s.views[observer as keyof typeof s.views]?.plaintext ?? '').join('\n');
const hexJson = (value: unknown): string => JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? toHex(v) : v));
/** null when equal; otherwise where two serialisations part, with a little context (keeps a failure readable). */
function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `differs at char ${i}: ...${a.slice(Math.max(0, i - 80), i + 40)}... vs ...${b.slice(Math.max(0, i - 80), i + 40)}...`;
}

beforeAll(async () => {
  pki = await generateLabPki();
});

describe.each(MODES)('%s: the basic visit works', (mode) => {
  it('completes every TLS handshake with TLS 1.1 and TLS_RSA_WITH_AES_128_CBC_SHA', () => {
    const t = run(mode);
    expect(t.settled).toBe(true);
    const done = eventsOf(t, 'tls.handshakeCompleted');
    expect(done.length).toBeGreaterThanOrEqual(2); // both ends of at least one session
    for (const e of done) expect({ version: e.detail.version, suite: e.detail.cipherSuite }).toEqual({ version: 'TLS 1.1', suite: SUITE });
    const s = summarize(t);
    expect(s.tlsSessions.length).toBeGreaterThan(0);
    for (const session of s.tlsSessions) expect({ version: session.version, suite: session.cipherSuite }).toEqual({ version: 'TLS 1.1', suite: SUITE });
    expect(eventsOf(t, 'tls.alertSent')).toEqual([]);
  });

  it('answers every scripted request with a 2xx response', () => {
    const t = run(mode);
    const s = summarize(t);
    expect(s.responses).toHaveLength(findScenario('basic')!.requests.length);
    for (const status of s.responses) {
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(300);
    }
    expect(s.failures).toEqual([]);
  });
});

describe('passthrough: the LB forwards bytes it cannot read', () => {
  it('holds no key, and none of its views of application data is plaintext', () => {
    const t = run('passthrough');
    expect(t.keyPlacement.lb).toEqual([]);
    const appData = segments(t).filter(isAppData);
    expect(appData.length).toBeGreaterThanOrEqual(8); // 4 requests + 4 responses, on two links
    for (const s of segments(t)) {
      const view = s.views.lb;
      if (!view) continue;
      expect(view.readability).not.toBe('plaintext');
      expect(view.plaintext).toBeUndefined();
    }
    expect(readBy(t, 'lb')).not.toContain('correct-horse');
    expect(summarize(t).lbReadPlaintext).toBe(false);
  });

  it('carries exactly one TLS session: one client random, the same ClientHello bytes on both links', () => {
    const t = run('passthrough');
    const randoms = new Set(t.sessions.map((s) => s.clientRandomHex));
    expect(randoms.size).toBe(1);
    expect(summarize(t).tlsSessions).toHaveLength(1);
    const internetHello = segments(t).find((s) => s.link === 'internet' && s.direction === 'c2s' && isClientHello(s));
    const internalHello = segments(t).find((s) => s.link === 'internal' && s.direction === 'c2s' && isClientHello(s));
    expect(internetHello).toBeDefined();
    expect(internalHello).toBeDefined();
    expect(toHex(internalHello!.payload)).toBe(toHex(internetHello!.payload));
    // The client random inside that ClientHello (after record header 5 + handshake header 4 + version 2).
    expect(toHex(internetHello!.payload.subarray(11, 43))).toBe([...randoms][0]);
  });

  it('reports the one TLS session as running between the client and a backend (the LB is not a TLS end)', () => {
    // The summary is the headline a learner reads; in passthrough the TLS session is client <-> backend.
    const [session] = summarize(run('passthrough')).tlsSessions;
    expect(session).toBeDefined();
    expect(session!.client).toBe('client');
    expect(session!.server).toMatch(/^backend-[123]$/);
  });

  it('the backend believes the client is the LB (10.0.0.1) without PROXY protocol', () => {
    const handled = eventsOf(run('passthrough'), 'http.requestHandled');
    expect(handled).toHaveLength(4);
    for (const e of handled) expect(e.detail.clientIp).toBe(LB_INTERNAL_IP);
  });

  it.each(['v1', 'v2'] as const)('the backend learns the real client address 203.0.113.10 through PROXY protocol %s', (version) => {
    const t = run('passthrough', { proxyProtocol: version });
    const handled = eventsOf(t, 'http.requestHandled');
    expect(handled).toHaveLength(4);
    for (const e of handled) expect(e.detail.clientIp).toBe(CLIENT_IP);
    expect(eventsOf(t, 'lb.proxyHeaderSent').map((e) => ({ version: e.detail.version, source: e.detail.source }))).toEqual([{ version: version === 'v1' ? 1 : 2, source: CLIENT_IP }]);
    for (const status of summarize(t).responses) expect(status).toBe(200);
  });

  it.each([
    { proxyProtocol: 'v1', backendProxyProtocol: 'off' },
    { proxyProtocol: 'v2', backendProxyProtocol: 'off' },
    { proxyProtocol: 'off', backendProxyProtocol: 'v1' },
    { proxyProtocol: 'off', backendProxyProtocol: 'v2' },
    { proxyProtocol: 'v2', backendProxyProtocol: 'v1' },
    { proxyProtocol: 'v1', backendProxyProtocol: 'v2' },
  ] as const)('a PROXY protocol mismatch (LB $proxyProtocol, backend $backendProxyProtocol) breaks the connection', (options) => {
    const t = run('passthrough', options);
    expect(t.settled).toBe(true);
    const s = summarize(t);
    expect(s.responses.filter((status) => status >= 200 && status < 300)).toEqual([]);
    expect(s.failures.length).toBeGreaterThan(0);
    expect(eventsOf(t, 'http.requestHandled')).toEqual([]);
    // The backend says why: it rejects the header it did not expect, or TLS rejects the header bytes it got.
    const backendBreak = t.events.filter((e) => e.type !== 'tcp.segmentSent' && e.node.startsWith('backend-') && (e.type === 'parse.failed' || e.type === 'tls.alertSent'));
    const resets = segments(t).filter((seg) => seg.flags.includes('RST'));
    expect(backendBreak.length + resets.length).toBeGreaterThan(0);
    if (options.backendProxyProtocol !== 'off') {
      expect(eventsOf(t, 'parse.failed').map((e) => e.detail.what)).toContain('proxy-header');
    } else {
      // The backend's TLS stack reads "PROXY ..." / the v2 signature as a bogus record header.
      expect(eventsOf(t, 'tls.alertSent').map((e) => [e.node, e.detail.alert])).toEqual([['backend-1', 'protocol_version']]);
    }
  });

  it('reports a rejected PROXY header once per connection (one parse.failed, one RST per link)', () => {
    // The LB sends the PROXY header and the ClientHello as two segments; after rejecting the first the backend
    // must not parse the second one again.
    for (const options of [{ proxyProtocol: 'v2', backendProxyProtocol: 'v1' }, { proxyProtocol: 'v1', backendProxyProtocol: 'v2' }] as const) {
      const t = run('passthrough', options);
      expect(eventsOf(t, 'parse.failed')).toHaveLength(1);
      const resets = segments(t).filter((seg) => seg.flags.includes('RST'));
      expect(resets.map((r) => r.link).sort()).toEqual(['internal', 'internet']);
    }
  });
});

describe('offloading: TLS ends at the LB, the internal network carries cleartext HTTP', () => {
  it('the internal eavesdropper reads the login, the password and the session cookie', () => {
    const t = run('offload');
    const eve = readBy(t, 'eve-internal');
    expect(eve).toContain('POST /login');
    expect(eve).toContain('correct-horse');
    expect(eve).toMatch(/^Cookie: /m);
    expect(segments(t).some((s) => s.views['eve-internal']?.readability === 'plaintext')).toBe(true);
  });

  it('the internet eavesdropper reads none of it', () => {
    const t = run('offload');
    const eve = readBy(t, 'eve-internet');
    expect(eve).not.toContain('POST /login');
    expect(eve).not.toContain('correct-horse');
    expect(eve).not.toMatch(/Cookie:/i);
    expect(segments(t).filter((s) => s.link === 'internet').some((s) => s.views['eve-internet']?.readability === 'plaintext')).toBe(false);
  });

  it('connects to the backend on port 80 and adds X-Forwarded-For: 203.0.113.10 to every request', () => {
    const t = run('offload');
    const internalSyns = segments(t).filter((s) => s.link === 'internal' && s.flags.includes('SYN') && !s.flags.includes('ACK'));
    expect(internalSyns.length).toBeGreaterThan(0);
    for (const syn of internalSyns) expect(syn.dst.port).toBe(80);
    const requests = segments(t)
      .filter((s) => s.link === 'internal' && s.from === 'lb' && s.payload.length > 0)
      .map((s) => s.views['backend-1']?.plaintext ?? s.views['eve-internal']?.plaintext ?? '')
      .filter((text) => /^[A-Z]+ \S+ HTTP\/1\.1\r\n/.test(text));
    expect(requests).toHaveLength(4);
    for (const request of requests) expect(request).toMatch(/\r\nX-Forwarded-For: 203\.0\.113\.10\r\n/i);
    for (const e of eventsOf(t, 'http.requestHandled')) expect(e.detail.clientIp).toBe(CLIENT_IP);
  });

  it('passthrough and bridging keep port 443 on the internal network', () => {
    for (const mode of ['passthrough', 'bridge'] as const) {
      const syns = segments(run(mode)).filter((s) => s.link === 'internal' && s.flags.includes('SYN') && !s.flags.includes('ACK'));
      expect(syns.length).toBeGreaterThan(0);
      for (const syn of syns) expect(syn.dst.port).toBe(443);
    }
  });
});

describe('bridging: the LB decrypts, then re-encrypts to the backend', () => {
  // Without cookie persistence round-robin opens a connection to each backend: three back sessions to compare.
  const options = { stickyCookie: false } as const;

  it('runs two TLS sessions per backend connection, with different client randoms and master secrets', () => {
    const t = run('bridge', options);
    // The client's own records are the front session; the LB's client-role records are the back sessions.
    const front = t.sessions.filter((s) => s.node === 'client');
    const back = t.sessions.filter((s) => s.node === 'lb' && s.role === 'client');
    expect(new Set(front.map((s) => s.clientRandomHex)).size).toBe(1);
    const backConnections = new Set(back.map((s) => s.connectionId));
    expect(backConnections.size).toBe(3);
    const frontSession = front[0]!;
    for (const b of back) {
      expect(b.established).toBe(true);
      expect(b.clientRandomHex).not.toBe(frontSession.clientRandomHex);
      expect(b.masterSecretHex).not.toBe(frontSession.masterSecretHex);
      expect(b.connectionId).not.toBe(frontSession.connectionId);
    }
    // And the back sessions differ from each other too.
    expect(new Set(back.map((s) => s.masterSecretHex)).size).toBe(backConnections.size);
  });

  it('the LB checks a backend-N.internal certificate on each backend connection', () => {
    const t = run('bridge', options);
    const lbToBackend = eventsOf(t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb' && e.detail.peer.startsWith('backend-'));
    expect(lbToBackend).toHaveLength(3);
    for (const e of lbToBackend) expect(e.detail.peerCertificate).toBe(`${e.detail.peer}.internal`);
    const clientSide = eventsOf(t, 'tls.handshakeCompleted').filter((e) => e.node === 'client');
    for (const e of clientSide) expect(e.detail.peerCertificate).toBe('shop.example.com');
  });

  it('the internal eavesdropper reads nothing, the LB reads the plaintext', () => {
    const t = run('bridge');
    const internal = segments(t).filter((s) => s.link === 'internal' && s.payload.length > 0);
    expect(internal.length).toBeGreaterThan(0);
    for (const s of internal) {
      expect(s.views['eve-internal']?.readability).not.toBe('plaintext');
      expect(s.views['eve-internal']?.plaintext).toBeUndefined();
    }
    expect(readBy(t, 'lb')).toContain('correct-horse');
    expect(summarize(t).lbReadPlaintext).toBe(true);
  });
});

describe('who read HTTP (summary.observers)', () => {
  const expected: Record<Mode, { lb: boolean; 'eve-internet': boolean; 'eve-internal': boolean }> = {
    passthrough: { lb: false, 'eve-internet': false, 'eve-internal': false },
    offload: { lb: true, 'eve-internet': false, 'eve-internal': true },
    bridge: { lb: true, 'eve-internet': false, 'eve-internal': false },
  };
  it.each(MODES)('%s', (mode) => {
    const { observers } = summarize(run(mode));
    expect({ lb: observers.lb, 'eve-internet': observers['eve-internet'], 'eve-internal': observers['eve-internal'] }).toEqual(expected[mode]);
    expect(observers.client).toBe(true);
    const backends = Object.entries(observers).filter(([id]) => id.startsWith('backend-'));
    expect(backends.length).toBeGreaterThan(0);
    for (const [, read] of backends) expect(read).toBe(true);
  });
});

describe('determinism: the seed decides every byte', () => {
  it.each(MODES)('%s: same PKI and seed give deep-equal events', (mode) => {
    const a = runScenario(findScenario('basic')!, { mode, seed: 7 }, pki);
    const b = runScenario(findScenario('basic')!, { mode, seed: 7 }, pki);
    expect(a.events.length).toBeGreaterThan(10);
    expect(firstDifference(hexJson(a.events), hexJson(b.events))).toBeNull();
    expect(firstDifference(hexJson(a.sessions), hexJson(b.sessions))).toBeNull();
  });

  it('a different seed gives different client randoms (in the 28 random bytes, not only the timestamp)', () => {
    const randomPart = (t: Timeline): string[] => t.sessions.map((s) => s.clientRandomHex.slice(8));
    const a = randomPart(run('bridge', {}, 1));
    const b = randomPart(run('bridge', {}, 2));
    expect(a.length).toBeGreaterThan(0);
    for (const r of a) expect(b).not.toContain(r);
  });

  it('the teaching seed 0 gives patterned, repeatable client randoms', () => {
    const first = runScenario(findScenario('basic')!, { mode: 'passthrough', seed: 0 }, pki);
    const again = runScenario(findScenario('basic')!, { mode: 'passthrough', seed: 0 }, pki);
    const random = first.sessions[0]!.clientRandomHex;
    // random_bytes (the 28 bytes after gmt_unix_time) count up: 0x.. 0x..+1 0x..+2 ...
    const bytes = random.slice(8).match(/../g)!.map((h) => parseInt(h, 16));
    bytes.forEach((b, i) => expect(b).toBe((bytes[0]! + i) & 0xff));
    // ...and the whole 32-byte random, gmt_unix_time included, is the same on every run.
    expect(again.sessions[0]!.clientRandomHex).toBe(random);
  });
});

describe.each(['tls1.2', 'tls1.3'] as const)('%s: the basic visit works in every mode', (protocol) => {
  it.each(MODES)('%s: every TLS handshake completes with the engine\'s version and suite', (mode) => {
    const t = run(mode, { protocol });
    const facts = PROTOCOLS[protocol];
    const done = eventsOf(t, 'tls.handshakeCompleted');
    expect(done.length).toBe(mode === 'bridge' ? 4 : 2); // both ends of one session per TLS hop (keep-alive)
    for (const e of done) expect({ version: e.detail.version, suite: e.detail.cipherSuite }).toEqual({ version: facts.name, suite: facts.cipherSuite });
    expect(summarize(t).responses).toEqual([200, 200, 200, 200]);
    expect(eventsOf(t, 'tls.alertSent')).toEqual([]);
  });
});

describe('TLS ends in passthrough', () => {
  it('names the client and the backend as each other\'s TLS peer, not the relaying load balancer', () => {
    const t = run('passthrough');
    const done = eventsOf(t, 'tls.handshakeCompleted');
    expect(done.map((e) => [e.node, e.detail.peer])).toEqual([['backend-1', 'client'], ['client', 'backend-1']]);
  });
});
