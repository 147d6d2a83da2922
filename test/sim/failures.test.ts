/**
 * Every failure path ends in an event the learner can see, never in an exception: faults injected by the
 * scenarios (tampering, bad certificates, an impostor backend, plain HTTP on port 443) in every mode, and the
 * engine's own parsers fed truncated and random bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, findScenario, generateLabPki, runScenario, summarize } from '../../src/sim/engine';
import type { LabPki, Mode, RunOptions, SegmentSentEvent, SimEvent, Timeline } from '../../src/sim/engine';
import { createRng } from '../../src/sim/core/rng';
import { decodeConnection } from '../../src/sim/observe/decoder/passiveDecoder';
import type { Keyring, StreamChunk } from '../../src/sim/observe/decoder/passiveDecoder';
import { TlsStreamParser, parseTlsRecords } from '../../src/sim/tls/records';
import { peekClientHello } from '../../src/sim/tls/sniParser';
import { parseProxyHeader } from '../../src/sim/net/proxyProtocol';
import { dissectConnection } from '../../src/sim/observe/layers';
import { viewConnection } from '../../src/sim/observe/visibility';

let pki: LabPki;
const cache = new Map<string, Timeline>();

function run(scenarioId: string, mode: Mode, options: Partial<RunOptions> = {}): Timeline {
  const key = JSON.stringify([scenarioId, mode, options]);
  let timeline = cache.get(key);
  if (!timeline) {
    timeline = runScenario(findScenario(scenarioId)!, { mode, seed: 1, options }, pki);
    cache.set(key, timeline);
  }
  return timeline;
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const eventsOf = <T extends SimEvent['type']>(t: Timeline, type: T): Extract<SimEvent, { type: T }>[] =>
  t.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
const alertsSent = (t: Timeline): Array<[string, string, number]> => eventsOf(t, 'tls.alertSent').map((e) => [e.node, e.detail.alert, e.detail.code]);

beforeAll(async () => {
  pki = await generateLabPki();
});

describe.each(MODES)('%s: faulty runs end in events, not exceptions', (mode) => {
  it('tamper: the receiving TLS end sends bad_record_mac (20) and the client gets no response', () => {
    const t = run('tamper', mode);
    expect(t.settled).toBe(true);
    // The flipped byte is visible on the wire...
    expect(segments(t).filter((s) => s.tampered && s.link === 'internet' && s.direction === 'c2s')).toHaveLength(1);
    // ...and caught by whoever terminates the client's TLS: the backend in passthrough, the LB otherwise.
    const receiver = mode === 'passthrough' ? 'backend-1' : 'lb';
    expect(alertsSent(t)).toEqual([[receiver, 'bad_record_mac', 20]]);
    expect(eventsOf(t, 'tls.alertReceived').map((e) => [e.node, e.detail.code])).toContainEqual(['client', 20]);
    expect(t.client.responses).toEqual([]);
    expect(summarize(t).failures.length).toBeGreaterThan(0);
    expect(eventsOf(t, 'http.requestHandled')).toEqual([]);
  });

  it('wrong-host: the client refuses with bad_certificate (42), naming both hostnames', () => {
    const t = run('wrong-host', mode);
    const sent = eventsOf(t, 'tls.alertSent');
    expect(sent.map((e) => [e.node, e.detail.alert, e.detail.code])).toEqual([['client', 'bad_certificate', 42]]);
    expect(sent[0]!.detail.reason).toBe('certificate-rejected');
    expect(sent[0]!.detail.diagnostic).toContain('www.other-shop.example');
    expect(sent[0]!.detail.diagnostic).toContain('shop.example.com');
    expect(t.client.responses).toEqual([]);
    expect(eventsOf(t, 'http.requestSent')).toEqual([]); // nothing was sent over the refused session
  });

  it('untrusted-ca: the client refuses with unknown_ca (48)', () => {
    const t = run('untrusted-ca', mode);
    expect(alertsSent(t)).toEqual([['client', 'unknown_ca', 48]]);
    expect(t.client.responses).toEqual([]);
  });

  it('untrusted-ca: the reason is in words, not a forge error identifier', () => {
    // The narration shows this reason; "was rejected (Forge.pki.UnknownCertificateAuthority)" teaches nothing.
    const [alert] = eventsOf(run('untrusted-ca', mode), 'tls.alertSent');
    expect(alert!.detail.reason).toBe('certificate-untrusted');
    expect(alert!.detail.diagnostic).not.toMatch(/forge\.pki\./);
    expect(alert!.detail.diagnostic).toMatch(/trust/i);
  });

  it('expired: the client refuses with certificate_expired (45)', () => {
    const t = run('expired', mode);
    expect(alertsSent(t)).toEqual([['client', 'certificate_expired', 45]]);
    expect(eventsOf(t, 'tls.alertSent')[0]!.detail.reason).toBe('certificate-expired');
    expect(t.client.responses).toEqual([]);
  });

  it('not-tls: plain HTTP on port 443 is rejected by the first parser that sees it', () => {
    const t = run('not-tls', mode);
    expect(t.settled).toBe(true);
    expect(t.client.responses).toEqual([]);
    expect(summarize(t).failures).toHaveLength(1);
    // Nothing reaches a backend: the LB stops it in every mode.
    expect(segments(t).filter((s) => s.link === 'internal')).toEqual([]);
    if (mode === 'passthrough') {
      // The LB's own ClientHello reader (ssl_preread / req.ssl_sni) finds no TLS and resets the connection.
      const failed = eventsOf(t, 'parse.failed');
      expect(failed.map((e) => e.node)).toEqual(['lb']);
      expect(failed[0]!.detail).toMatchObject({ what: 'client-hello', code: 'unreadable-client-hello' });
      expect(failed[0]!.detail).toMatchObject({ diagnostic: expect.stringMatching(/not TLS.*HTTP|HTTP.*not TLS/) });
      expect(segments(t).some((s) => s.from === 'lb' && s.to === 'client' && s.flags.includes('RST'))).toBe(true);
      expect(eventsOf(t, 'tls.alertSent')).toEqual([]);
    } else {
      // The LB's TLS 1.3 server sees content type 71 ("G"), which no TLS version defines, and answers with a
      // fatal unexpected_message alert (RFC 8446 §5), then closes; there is no parse.failed event. (forge's TLS 1.1
      // reads the bytes as a header with version 0x4554 and says protocol_version: see the next test.)
      expect(alertsSent(t)).toEqual([['lb', 'unexpected_message', 10]]);
      expect(eventsOf(t, 'parse.failed')).toEqual([]);
    }
  });
});

describe('impostor backend (bridging)', () => {
  it('with verification on, the LB rejects backend-2 and answers 502 for the request that went there', () => {
    const t = run('impostor-backend', 'bridge');
    const routed = eventsOf(t, 'lb.routed').map((e) => e.detail.backend);
    expect(routed).toEqual(['backend-1', 'backend-2', 'backend-3']);
    const rejected = eventsOf(t, 'lb.backendRejected');
    expect(rejected.map((e) => [e.detail.backend, e.detail.status])).toEqual([['backend-2', 502]]);
    expect(summarize(t).responses).toEqual([200, 502, 200]);
    expect(alertsSent(t)).toEqual([['lb', 'unknown_ca', 48]]);
    // The impostor never sees the request.
    expect(eventsOf(t, 'http.requestHandled').map((e) => e.node)).toEqual(['backend-1', 'backend-3']);
  });

  it('with verifyBackendCertificate off, the impostor is believed and serves the request (proxy_ssl_verify off)', () => {
    const t = run('impostor-backend', 'bridge', { verifyBackendCertificate: false });
    expect(eventsOf(t, 'lb.backendRejected')).toEqual([]);
    expect(summarize(t).responses).toEqual([200, 200, 200]);
    expect(eventsOf(t, 'http.requestHandled').map((e) => e.node)).toEqual(['backend-1', 'backend-2', 'backend-3']);
    // The LB completed a TLS session with a certificate no trusted CA issued, and forwarded the request over it.
    const toImpostor = eventsOf(t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb' && e.detail.peer === 'backend-2');
    expect(toImpostor).toHaveLength(1);
    const back2 = segments(t).filter((s) => s.link === 'internal' && s.from === 'lb' && s.to === 'backend-2');
    expect(back2.map((s) => s.views.lb?.plaintext ?? '').join('')).toMatch(/^GET \/ HTTP\/1\.1/m);
  });
});

describe('no scenario throws, in any mode', () => {
  const cases = SCENARIOS.flatMap((s) => MODES.map((m) => [s.id, m] as const));
  it.each(cases)('%s / %s settles, and every client failure has a visible cause', (scenarioId, mode) => {
    const t = run(scenarioId, mode);
    expect(t.settled).toBe(true);
    const s = summarize(t);
    expect(s.responses.length + s.failures.length).toBeGreaterThan(0);
    if (s.failures.length > 0) {
      const causes = t.events.filter((e) =>
        e.type === 'client.gaveUp' || e.type === 'tls.alertSent' || e.type === 'parse.failed' || e.type === 'lb.backendRejected' || e.type === 'tcp.connectionRefused'
        || (e.type === 'tcp.segmentSent' && e.flags.includes('RST')));
      expect(causes.length).toBeGreaterThan(0);
    }
  });
});

describe("the engine's parsers on malformed input", () => {
  let hello: Uint8Array;
  let conversation: StreamChunk[];
  let endpointKeyring: Keyring;
  let internalSegments: SegmentSentEvent[];
  let basic: Timeline;
  const rng = createRng(4242);
  const randomBytes = (max: number): Uint8Array => rng.bytes(rng.int(0, max));

  beforeAll(() => {
    basic = run('basic', 'passthrough');
    const internet = segments(basic).filter((s) => s.link === 'internet' && s.payload.length > 0);
    hello = internet.find((s) => s.direction === 'c2s')!.payload;
    conversation = internet.map((s) => ({ direction: s.direction, bytes: s.payload }));
    const session = basic.sessions.find((s) => s.node === 'client')!;
    endpointKeyring = {
      privateKeysPem: [],
      sessions: [{
        clientRandomHex: session.clientRandomHex, masterSecretHex: session.masterSecretHex, serverRandomHex: session.serverRandomHex,
        ...(session.tls13Secrets ? { tls13Secrets: session.tls13Secrets } : {}),
      }],
    };
    internalSegments = segments(basic).filter((s) => s.link === 'internal');
  });

  it('sanity: the captured conversation decodes to the login in clear for an endpoint', () => {
    expect(hello[0]).toBe(22);
    const peek = peekClientHello(hello);
    expect(peek.status === 'ok' && peek.serverName).toBe('shop.example.com');
    const text = decodeConnection(conversation, endpointKeyring)
      .flatMap((r) => r.records).filter((r) => r.status === 'decrypted' && r.contentTypeName === 'application_data')
      .map((r) => new TextDecoder().decode(r.plaintext)).join('');
    expect(text).toContain('password=correct-horse');
  });

  it('every truncation of a real ClientHello: incomplete (or an error for a one-segment router), never a throw', () => {
    for (let n = 0; n < hello.length; n++) {
      const prefix = hello.subarray(0, n);
      const waiting = peekClientHello(prefix);
      expect(waiting.status, `prefix of ${n} bytes`).toBe('incomplete');
      const naive = peekClientHello(prefix, { reassemble: false });
      expect(naive.status, `prefix of ${n} bytes, no reassembly`).toBe('error');
      const records = parseTlsRecords(prefix);
      expect(records.error).toBeUndefined();
      expect(records.records).toEqual([]);
      expect(records.incompleteBytes).toBe(n);
      const readings = decodeConnection([{ direction: 'c2s', bytes: prefix }], endpointKeyring);
      expect(readings).toHaveLength(1);
      expect(readings[0]!.records).toEqual([]);
    }
  });

  it('random bytes: every parser returns a value', () => {
    for (let i = 0; i < 300; i++) {
      const bytes = randomBytes(600);
      // Some inputs look like a record header on purpose: the parsers must go past the first check.
      if (i % 3 === 0 && bytes.length >= 5) bytes.set([22, 3, 2, bytes[3]! & 0x01, bytes[4]!]);
      if (i % 3 === 1 && bytes.length >= 6) bytes.set([22, 3, 2, 0, Math.max(0, bytes.length - 5) & 0xff, 1]);
      expect(() => peekClientHello(bytes)).not.toThrow();
      expect(() => peekClientHello(bytes, { reassemble: false })).not.toThrow();
      expect(() => parseProxyHeader(bytes)).not.toThrow();
      const once = parseTlsRecords(bytes);
      expect(once.records.length > 0 || once.error !== undefined || once.incompleteBytes === bytes.length).toBe(true);
      // The same bytes pushed in random pieces end in the same place as in one piece.
      const parser = new TlsStreamParser();
      let at = 0;
      let pieces = 0;
      let lastError: string | undefined;
      while (at < bytes.length) {
        const end = Math.min(bytes.length, at + rng.int(1, 64));
        const step = parser.push(bytes.subarray(at, end));
        pieces += step.records.length;
        lastError = step.error ?? lastError;
        at = end;
      }
      expect(pieces).toBe(once.records.length);
      expect(lastError === undefined).toBe(once.error === undefined);
      const chunks: StreamChunk[] = [{ direction: 'c2s', bytes }, { direction: 's2c', bytes: randomBytes(200) }];
      expect(decodeConnection(chunks, endpointKeyring)).toHaveLength(2);
    }
  });

  it('a real conversation with one byte flipped anywhere, or cut short: decoded without a throw', () => {
    const total = conversation.reduce((n, c) => n + c.bytes.length, 0);
    const original = decodeConnection(conversation, endpointKeyring);
    for (let trial = 0; trial < 60; trial++) {
      const target = rng.int(0, total - 1);
      let seen = 0;
      const mutated = conversation.map((c) => {
        const bytes = c.bytes.slice();
        if (target >= seen && target < seen + bytes.length) bytes[target - seen] = bytes[target - seen]! ^ (1 << rng.int(0, 7));
        seen += c.bytes.length;
        return { direction: c.direction, bytes };
      });
      const readings = decodeConnection(mutated, endpointKeyring);
      expect(readings).toHaveLength(mutated.length);
      // A flipped byte never yields a record that both decrypts and differs from the original: MAC or nothing.
      readings.forEach((r, i) => r.records.forEach((rec, j) => {
        if (rec.status !== 'decrypted') return;
        const before = original[i]!.records[j];
        if (before?.status === 'decrypted') expect(rec.plaintext).toEqual(before.plaintext);
      }));
      const cut = mutated.slice(0, rng.int(1, mutated.length)).map((c, i, all) => (i === all.length - 1 ? { ...c, bytes: c.bytes.subarray(0, rng.int(0, c.bytes.length)) } : c));
      expect(decodeConnection(cut, endpointKeyring)).toHaveLength(cut.length);
    }
  });

  it('the packet-layer and visibility passes survive garbage payloads on a real connection', () => {
    const sources = { sessions: basic.sessions, keyPlacement: basic.keyPlacement, pki, eavesdroppers: true };
    for (let trial = 0; trial < 20; trial++) {
      const garbled = internalSegments.map((s) => (s.payload.length > 0 && rng.int(0, 2) === 0 ? { ...s, payload: randomBytes(300) } : s));
      const layers = dissectConnection(garbled);
      const views = viewConnection(garbled, sources);
      const data = garbled.filter((s) => s.payload.length > 0);
      for (const s of data) {
        expect(layers.get(s)?.label).toEqual(expect.any(String));
        expect(Object.keys(views.get(s) ?? {}).sort()).toEqual(['backend-1', 'eve-internal', 'lb']);
      }
    }
  });
});
