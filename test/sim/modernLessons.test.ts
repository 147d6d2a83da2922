/**
 * The modern-TLS lessons (issue 7) on real runs, every run with an explicit protocol: what a passthrough LB reads
 * of the ClientHello (SNI, ALPN, ECH) and of the server's reply (the certificate up to TLS 1.2, nothing in 1.3),
 * what a stolen site key opens with and without forward secrecy, and how Encrypted Client Hello breaks SNI routing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { asciiBytes, indexOfBytes } from '../../src/sim/core/bytes';
import { narrate } from '../../src/sim/content/index';
import { MODES, findScenario, generateLabPki } from '../../src/sim/engine';
import type { LabPki, Mode, RunOptions, Scenario, Timeline, TlsProtocol } from '../../src/sim/engine';
import { watchServerFlight, type ServerHandshakeSeen } from '../../src/sim/lb/serverFlight';
import { peekClientHello } from '../../src/sim/tls/sniParser';
import { createRunCache, eventsOf, segments, type CachedRun } from './helpers/runCache';

const PROTOCOLS: readonly TlsProtocol[] = ['tls1.1', 'tls1.2', 'tls1.3'];
const NEW_SCENARIOS = ['tls13-hidden-certificate', 'stolen-key', 'ech-breaks-sni-routing'] as const;
const PUBLIC_NAME = 'public.example.com';
const API_NAME = 'api.example.com';

let pki: LabPki;
const cachedRun = createRunCache(() => pki, 7);

function scenario(id: string): Scenario {
  const found = findScenario(id);
  if (!found) throw new Error(`no scenario ${id}`);
  return found;
}

/** One run per (scenario, mode, options); the protocol is always given. */
function run(target: string | Scenario, mode: Mode, options: Partial<RunOptions> & { protocol: TlsProtocol }): CachedRun {
  return cachedRun(typeof target === 'string' ? scenario(target) : target, mode, options);
}

beforeAll(async () => {
  pki = await generateLabPki();
});

/** The bytes of every ClientHello the client sent to the LB (the first client payload of each internet connection). */
function clientHellos(t: Timeline): Uint8Array[] {
  const firsts = new Map<string, Uint8Array>();
  for (const seg of segments(t)) {
    if (seg.link === 'internet' && seg.direction === 'c2s' && seg.payload.length > 0 && !firsts.has(seg.connectionId)) firsts.set(seg.connectionId, seg.payload);
  }
  return [...firsts.values()];
}
const contains = (hay: Uint8Array, needle: Uint8Array): boolean => indexOfBytes(hay, needle) >= 0;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('every new scenario settles in every mode and protocol', () => {
  const cases = NEW_SCENARIOS.flatMap((id) => MODES.flatMap((mode) => PROTOCOLS.map((p) => [id, mode, p] as const)));
  it.each(cases)('%s / %s / %s', (id, mode, protocol) => {
    const { t, s } = run(id, mode, { protocol });
    expect(t.settled).toBe(true);
    expect(s.failures).toEqual([]);
    expect(s.responses.every((status) => status === 200)).toBe(true);
    expect(s.responses.length).toBe(scenario(id).requests.length);
    expect(eventsOf(t, 'tls.handshakeCompleted').find((e) => e.node === 'client')?.detail.version).toBe({ 'tls1.1': 'TLS 1.1', 'tls1.2': 'TLS 1.2', 'tls1.3': 'TLS 1.3' }[protocol]);
  });
});

describe('Passthrough sees less: what the LB reads of the handshake', () => {
  it.each(['tls1.1', 'tls1.2'] as const)('%s: relaying the reply, the LB reads the certificate subject in cleartext, once per connection', (protocol) => {
    const { t } = run('tls13-hidden-certificate', 'passthrough', { protocol });
    const seen = eventsOf(t, 'lb.serverHandshakeSeen');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.detail).toMatchObject({ version: protocol === 'tls1.1' ? 'TLS 1.1' : 'TLS 1.2' });
    expect(seen[0]!.detail.certificateSubject).toMatch(/CN=shop\.example\.com/);
    // Logged before the reply reaches the client: the LB saw it on its way through.
    const handshakeDone = t.events.findIndex((e) => e.type === 'tls.handshakeCompleted' && e.node === 'client');
    expect(t.events.indexOf(seen[0]!)).toBeLessThan(handshakeDone);
  });

  it('tls1.3: the LB finds a ServerHello saying TLS 1.3 and then only encrypted records: no certificate subject', () => {
    const { t } = run('tls13-hidden-certificate', 'passthrough', { protocol: 'tls1.3' });
    const seen = eventsOf(t, 'lb.serverHandshakeSeen');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.detail.version).toBe('TLS 1.3');
    expect(seen[0]!.detail.certificateSubject).toBeNull();
    expect(seen[0]!.detail.outcome).toBe('encrypted-tls13');
    // The certificate really is hidden: its subject's bytes cross the internal link only in 1.2.
    const cn = asciiBytes('shop.example.com');
    const serverBytes = (p: TlsProtocol) => segments(run('tls13-hidden-certificate', 'passthrough', { protocol: p }).t)
      .filter((seg) => seg.direction === 's2c' && seg.link === 'internet').map((seg) => seg.payload);
    expect(serverBytes('tls1.2').some((b) => contains(b, cn))).toBe(true);
    expect(serverBytes('tls1.3').some((b) => contains(b, cn))).toBe(false);
  });

  it('one lb.serverHandshakeSeen per relayed connection (two connections without keep-alive)', () => {
    const { t } = run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.2', encryptedClientHello: false });
    expect(eventsOf(t, 'lb.routed')).toHaveLength(2);
    expect(eventsOf(t, 'lb.serverHandshakeSeen')).toHaveLength(2);
  });

  it('the watcher reports exactly once, also for a reply that is an alert or not TLS at all', () => {
    const watch = (...chunks: Uint8Array[]): ServerHandshakeSeen[] => {
      const seen: ServerHandshakeSeen[] = [];
      const sink = watchServerFlight((s) => seen.push(s));
      for (const c of chunks) sink(c);
      return seen;
    };
    const alert = Uint8Array.of(21, 3, 3, 0, 2, 2, 70);
    expect(watch(alert, alert)).toEqual([expect.objectContaining({ certificateSubject: null, outcome: 'alert-first', alert: { level: 'fatal', description: 'protocol_version' } })]);
    expect(watch(asciiBytes('HTTP/1.1 400 Bad Request\r\n\r\n'))).toEqual([expect.objectContaining({ certificateSubject: null, outcome: 'not-tls' })]);
    // The real 1.2 reply fed one byte at a time still yields the subject, once.
    const reply = segments(run('tls13-hidden-certificate', 'passthrough', { protocol: 'tls1.2' }).t)
      .filter((seg) => seg.link === 'internal' && seg.direction === 's2c').flatMap((seg) => [...seg.payload]);
    const bytewise = watch(...reply.map((b) => Uint8Array.of(b)));
    expect(bytewise).toHaveLength(1);
    expect(bytewise[0]!.certificateSubject).toMatch(/CN=shop\.example\.com/);
  });

  it.each(['offload', 'bridge'] as const)('%s: the LB is the TLS server, so it logs no relayed server handshake', (mode) => {
    expect(eventsOf(run('tls13-hidden-certificate', mode, { protocol: 'tls1.2' }).t, 'lb.serverHandshakeSeen')).toEqual([]);
  });

  it.each(PROTOCOLS)('%s: lb.sniRead reports the ALPN the client offered (none from node-forge)', (protocol) => {
    const [read] = eventsOf(run('tls13-hidden-certificate', 'passthrough', { protocol }).t, 'lb.sniRead');
    expect(read!.detail).toMatchObject({ serverName: 'shop.example.com', alpn: protocol === 'tls1.1' ? [] : ['http/1.1'], encryptedClientHello: false });
  });

  it('the narration says what the LB saw, within the UI limits', () => {
    const subject = narrate(eventsOf(run('tls13-hidden-certificate', 'passthrough', { protocol: 'tls1.2' }).t, 'lb.serverHandshakeSeen')[0]!, 'passthrough');
    const hidden = narrate(eventsOf(run('tls13-hidden-certificate', 'passthrough', { protocol: 'tls1.3' }).t, 'lb.serverHandshakeSeen')[0]!, 'passthrough');
    expect(subject.headline).toMatch(/certificate/);
    expect(subject.headline).toMatch(/shop\.example\.com/);
    expect(hidden.headline).toMatch(/TLS 1\.3/);
    expect(hidden.headline).not.toMatch(/shop\.example\.com/);
    for (const n of [subject, hidden]) {
      expect(n.headline.length).toBeLessThanOrEqual(80);
      const sentences = n.detail.replace(/“[^”]*”/g, '“”').split(/[.!?](?:\s+|$)/).filter((x) => x.trim().length > 0);
      expect(sentences.length).toBeGreaterThanOrEqual(1);
      expect(sentences.length).toBeLessThanOrEqual(3);
      expect(n.modeNote).toMatch(/TLS 1\.2 and TLS 1\.3/);
    }
    const sni = narrate(eventsOf(run('tls13-hidden-certificate', 'passthrough', { protocol: 'tls1.3' }).t, 'lb.sniRead')[0]!, 'passthrough');
    expect(sni.detail).toMatch(/ALPN/);
    expect(sni.detail).toMatch(/http\/1\.1/);
  });
});

describe('Forward secrecy: a stolen site key against a recording', () => {
  it.each(MODES)('%s, tls1.1 (RSA key transport): the eavesdropper on the internet decrypts the login with the stolen key', (mode) => {
    const { s, t } = run('stolen-key', mode, { protocol: 'tls1.1' });
    expect(s.observers['eve-internet']).toBe(true);
    const readable = segments(t).filter((seg) => seg.link === 'internet' && seg.views['eve-internet']?.plaintext?.includes('password=correct-horse'));
    expect(readable.length).toBeGreaterThan(0);
  });

  it.each(MODES)('%s, tls1.1 without the leak: the same eavesdropper reads nothing (the key is what opened it)', (mode) => {
    const { faults: _faults, ...intact } = scenario('stolen-key');
    expect(run({ ...intact, id: 'stolen-key-intact' }, mode, { protocol: 'tls1.1' }).s.observers['eve-internet']).toBe(false);
  });

  const ecdhe = MODES.flatMap((mode) => (['tls1.2', 'tls1.3'] as const).map((p) => [mode, p] as const));
  it.each(ecdhe)('%s, %s (ECDHE): the same stolen key decrypts nothing on the internet link', (mode, protocol) => {
    const { s, t } = run('stolen-key', mode, { protocol });
    // The recording is decryptable with the session keys (the client reads it), just not with the site key.
    expect(s.observers.client).toBe(true);
    expect(s.observers['eve-internet']).toBe(false);
    expect(segments(t).some((seg) => seg.views['eve-internet']?.plaintext?.includes('correct-horse'))).toBe(false);
  });
});

describe('Encrypted Client Hello', () => {
  const apiServedBy = (r: CachedRun): string | null | undefined => r.s.backendPerRequest[1]?.servedBy;

  it('tls1.3 passthrough with pool routing: the API call lands in the web pool with ECH, on backend-3 without', () => {
    const withEch = run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3' });
    const without = run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3', encryptedClientHello: false });
    expect(apiServedBy(withEch)).toMatch(/^backend-[12]$/);
    expect(apiServedBy(without)).toBe('backend-3');
    // The shop answered the API path on a web backend: what the learner sees in the response.
    expect(withEch.t.client.responses[1]!.status).toBe(200);
    expect(eventsOf(withEch.t, 'lb.sniRead').map((e) => [e.detail.serverName, e.detail.encryptedClientHello])).toEqual([[PUBLIC_NAME, true], [PUBLIC_NAME, true]]);
    expect(eventsOf(without.t, 'lb.sniRead').map((e) => e.detail.serverName)).toEqual(['shop.example.com', API_NAME]);
  });

  it.each(['offload', 'bridge'] as const)('tls1.3 %s: the terminating LB routes by the decrypted Host header, so the API pool still works', (mode) => {
    expect(apiServedBy(run('ech-breaks-sni-routing', mode, { protocol: 'tls1.3' }))).toBe('backend-3');
  });

  it('the outer ClientHello carries 0xfe0d and the public name, and never the inner name', () => {
    const hellos = clientHellos(run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3' }).t);
    expect(hellos).toHaveLength(2);
    for (const hello of hellos) {
      expect(hex(hello)).toContain('fe0d');
      expect(contains(hello, asciiBytes(PUBLIC_NAME))).toBe(true);
      expect(contains(hello, asciiBytes(API_NAME))).toBe(false);
      expect(contains(hello, asciiBytes('shop.example.com'))).toBe(false);
      const peek = peekClientHello(hello);
      expect(peek).toMatchObject({ status: 'ok', serverName: PUBLIC_NAME, encryptedClientHello: true, alpn: ['http/1.1'] });
    }
  });

  it('the extension has the outer shape of draft-ietf-tls-esni: type 0, HKDF-SHA256 + AES-128-GCM, a 32-byte enc, a padded sealed payload', () => {
    const [hello] = clientHellos(run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3' }).t);
    const at = indexOfBytes(hello!, Uint8Array.of(0xfe, 0x0d));
    const body = hello!.subarray(at + 4, at + 4 + ((hello![at + 2]! << 8) | hello![at + 3]!));
    expect([...body.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0x2a]);
    const encLength = (body[6]! << 8) | body[7]!;
    expect(encLength).toBe(32);
    const payloadLength = (body[8 + encLength]! << 8) | body[9 + encLength]!;
    expect(body.length).toBe(10 + encLength + payloadLength);
    // Inner hello padded to a multiple of 32, plus the 16-byte AEAD tag.
    expect((payloadLength - 16) % 32).toBe(0);
    expect(payloadLength).toBeGreaterThan(200);
  });

  it('the client still authenticates the real name: the session completes with the certificate for the inner name', () => {
    const { t } = run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3' });
    expect(eventsOf(t, 'tls.handshakeCompleted').filter((e) => e.node === 'client')).toHaveLength(2);
    const bad = run({ ...scenario('ech-breaks-sni-routing'), id: 'ech-wrong-host', faults: { serverCertificate: 'siteWrongHost' } }, 'passthrough', { protocol: 'tls1.3' });
    expect(eventsOf(bad.t, 'tls.alertSent').map((e) => e.node)).toEqual(['client']);
  });

  it.each(['tls1.1', 'tls1.2'] as const)('%s: ECH changes nothing on the wire, and the run says why', (protocol) => {
    const on = run('ech-breaks-sni-routing', 'passthrough', { protocol, encryptedClientHello: true });
    const off = run('ech-breaks-sni-routing', 'passthrough', { protocol, encryptedClientHello: false });
    expect(segments(on.t).map((seg) => hex(seg.payload))).toEqual(segments(off.t).map((seg) => hex(seg.payload)));
    expect(apiServedBy(on)).toBe('backend-3');
    for (const hello of clientHellos(on.t)) expect(hex(hello)).not.toContain('fe0d');
    const dns = eventsOf(on.t, 'dns.resolved');
    expect(dns.length).toBeGreaterThan(0);
    for (const e of dns) expect(e.detail.ech).toMatchObject({ status: 'needs-tls13' });
    for (const e of eventsOf(off.t, 'dns.resolved')) expect(e.detail.ech).toBeUndefined();
  });

  it('the sniRead narration says the name is only the outer one', () => {
    const [read] = eventsOf(run('ech-breaks-sni-routing', 'passthrough', { protocol: 'tls1.3' }).t, 'lb.sniRead');
    const n = narrate(read!, 'passthrough');
    expect(n.headline).toMatch(/outer/);
    expect(n.headline.length).toBeLessThanOrEqual(80);
    expect(n.detail).toMatch(/public name/);
    expect(n.glossary).toContain('ech');
  });
});
