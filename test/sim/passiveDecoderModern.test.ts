/**
 * Who can read what under TLS 1.2 (ECDHE + AES-GCM) and TLS 1.3, checked on real runs of the engine: the ends
 * of a TLS session read the HTTP they sent and answered, everyone else reads nothing, a stolen site key opens
 * TLS 1.1 recordings but nothing under ECDHE (forward secrecy), and a tampered record fails its tag check.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, findScenario, generateLabPki, runScenario } from '../../src/sim/engine';
import type { LabPki, Mode, ObserverId, Scenario, SegmentSentEvent, SimEvent, Timeline } from '../../src/sim/engine';
import { decodeConnection } from '../../src/sim/observe/decoder/passiveDecoder';
import type { ChunkReading, RecordReading, StreamChunk } from '../../src/sim/observe/decoder/passiveDecoder';
import { keyringOf } from '../../src/sim/observe/visibility';
import { Tls13Direction } from '../../src/sim/observe/decoder/decode13';
import { RecordProtection } from '../../src/sim/tlsShared/record';
import { nextTrafficSecret } from '../../src/sim/tlsShared/keySchedule';
import { encodeFinished, encodeKeyUpdate } from '../../src/sim/tlsShared/messages';
import { asciiBytes, bytesToText } from '../../src/sim/core/bytes';
import type { KeyringSources } from '../../src/sim/observe/visibility';
import type { ViewReason } from '../../src/sim/core/views';
import { decryptedContentText, handshakeFactsText, recordSummary, viewReasonText } from '../../src/sim/content/layerText';

type Protocol = 'tls1.1' | 'tls1.2' | 'tls1.3';
const MODERN = ['tls1.2', 'tls1.3'] as const;
const FORWARD_SECRECY = expect.objectContaining({ code: 'forward-secrecy', group: 'x25519' });
/** The verdict itself: for the first part of a record, the one reached where the record completes. */
const verdict = (r: ViewReason): ViewReason => (r.code === 'partial-record' ? verdict(r.completesWith) : r);
/** What a record holds, as content words it from the decoder's facts. */
const detailOf = (r: RecordReading): string => (r.record ? recordSummary(r.record) : r.decrypted ? decryptedContentText(r.decrypted) : '');

let pki: LabPki;
const cache = new Map<string, Timeline>();
const basic = (): Scenario => findScenario('basic')!;
const stolen = (): Scenario => ({ ...basic(), id: 'basic-stolen-key', faults: { stolenSiteKey: true } });

function run(mode: Mode, protocol: Protocol, scenario: Scenario = basic()): Timeline {
  const key = JSON.stringify([scenario.id, mode, protocol]);
  let t = cache.get(key);
  if (!t) {
    t = runScenario(scenario, { mode, seed: 3, options: { protocol, eavesdroppers: true } }, pki);
    cache.set(key, t);
  }
  return t;
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent' && e.payload.length > 0);
const eventsOf = <T extends SimEvent['type']>(t: Timeline, type: T): Extract<SimEvent, { type: T }>[] =>
  t.events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);
/** The text `observer` decrypted from one link and direction, in send order. */
const read = (t: Timeline, observer: ObserverId, link: string, direction: 'c2s' | 's2c'): string =>
  segments(t).filter((s) => s.link === link && s.direction === direction).map((s) => s.views[observer]?.plaintext ?? '').join('');
/** Everything `observer` decoded as text anywhere in the run. */
const readAll = (t: Timeline, observer: ObserverId): string => segments(t).map((s) => s.views[observer]?.plaintext ?? '').join('');
const sources = (t: Timeline): KeyringSources => ({ sessions: t.sessions, keyPlacement: t.keyPlacement, pki, eavesdroppers: true });
/** The chunks of the first TCP connection on `link` (the client's first connection, on the internet link). */
function connection(t: Timeline, link: string): StreamChunk[] {
  const first = segments(t).find((s) => s.link === link)!;
  return segments(t).filter((s) => s.connectionId === first.connectionId).map((s) => ({ direction: s.direction, bytes: s.payload }));
}
const recordsOf = (readings: ChunkReading[]): RecordReading[] => readings.flatMap((r) => r.records);

beforeAll(async () => {
  pki = await generateLabPki();
}, 60_000);

/** Which node is the server end of the TLS session on each link, per mode (null: the link is cleartext HTTP). */
const SERVER_END: Record<Mode, { internet: ObserverId; internal: ObserverId | null }> = {
  passthrough: { internet: 'backend-1', internal: 'backend-1' },
  offload: { internet: 'lb', internal: null },
  bridge: { internet: 'lb', internal: 'backend-1' },
};

describe.each(MODERN)('%s: the ends of each TLS session read the HTTP, nobody else does', (protocol) => {
  it.each(MODES)('%s', (mode) => {
    const t = run(mode, protocol);
    expect(t.settled).toBe(true);
    for (const e of eventsOf(t, 'tls.handshakeCompleted')) expect(e.detail.version).toBe(protocol === 'tls1.2' ? 'TLS 1.2' : 'TLS 1.3');
    // The client read back exactly the requests it sent, in order, and the responses to them.
    const sent = eventsOf(t, 'http.requestSent').map((e) => `${e.detail.method} ${e.detail.target} HTTP/1.1\r\n`);
    expect(sent.length).toBeGreaterThan(0);
    const clientUp = read(t, 'client', 'internet', 'c2s');
    let at = 0;
    for (const line of sent) {
      const found = clientUp.indexOf(line, at);
      expect(found, `client plaintext lacks ${line}`).toBeGreaterThanOrEqual(at);
      at = found + line.length;
    }
    expect(read(t, 'client', 'internet', 's2c')).toMatch(/^HTTP\/1\.1 200 /);
    // The TLS server end on the internet link (a backend in passthrough, the LB otherwise) read the same bytes.
    const terminator = SERVER_END[mode].internet;
    for (const dir of ['c2s', 's2c'] as const) {
      const clientText = read(t, 'client', 'internet', dir);
      const internetSegs = segments(t).filter((s) => s.link === 'internet' && s.direction === dir);
      const terminatorText = mode === 'passthrough'
        ? read(t, terminator, 'internal', dir) // the backend sees the session on its own link
        : internetSegs.map((s) => s.views[terminator]?.plaintext ?? '').join('');
      expect(terminatorText).toBe(clientText);
    }
    if (mode === 'bridge') expect(read(t, 'backend-1', 'internal', 'c2s')).toContain(sent[0]);
    // Eavesdroppers read nothing of a TLS link (offload's internal link is plain HTTP: anyone reads that).
    for (const eve of ['eve-internet', 'eve-internal'] as const) {
      const link = eve === 'eve-internet' ? 'internet' : 'internal';
      if (mode === 'offload' && link === 'internal') {
        expect(read(t, eve, link, 'c2s')).toContain(sent[0]);
        continue;
      }
      expect(readAll(t, eve)).toBe('');
      const appViews = segments(t).filter((s) => s.link === link && s.payload[0] === 23).map((s) => s.views[eve]!);
      expect(appViews.length).toBeGreaterThan(0);
      for (const v of appViews) expect(v.readability).toBe('encrypted');
    }
    if (mode === 'passthrough') {
      expect(readAll(t, 'lb')).toBe('');
      for (const s of segments(t)) if (s.views.lb) expect(s.views.lb.readability).not.toBe('plaintext');
    }
  });
});

describe('a stolen site key (faults.stolenSiteKey) against a recording', () => {
  it('opens a TLS 1.1 session (RSA key transport): eve-internet reads the login', () => {
    const t = run('passthrough', 'tls1.1', stolen());
    const text = read(t, 'eve-internet', 'internet', 'c2s');
    expect(text).toContain('POST /login HTTP/1.1');
    expect(text).toBe(read(t, 'client', 'internet', 'c2s'));
  });

  it.each(MODERN)('opens nothing in %s: the same key only signed an ECDHE handshake (forward secrecy)', (protocol) => {
    for (const mode of ['passthrough', 'offload'] as const) {
      const t = run(mode, protocol, stolen());
      expect(readAll(t, 'eve-internet')).toBe('');
      if (mode === 'passthrough') expect(readAll(t, 'eve-internal')).toBe('');
      const app = segments(t).filter((s) => s.link === 'internet' && s.payload[0] === 23);
      expect(app.length).toBeGreaterThan(0);
      for (const s of app) {
        expect(s.views['eve-internet']!.readability).toBe('encrypted');
        expect(verdict(s.views['eve-internet']!.reason)).toEqual(FORWARD_SECRECY);
      }
    }
  });

  it('without the fault the eavesdropper holds no key at all (the reason says so, not forward secrecy)', () => {
    const t = run('passthrough', 'tls1.3');
    const app = segments(t).find((s) => s.link === 'internet' && s.payload[0] === 23)!;
    expect(app.views['eve-internet']!.reason).toEqual({ code: 'no-key-for-session', tls13: true });
    expect(keyringOf('eve-internet', sources(t)).privateKeysPem).toEqual([]);
    expect(keyringOf('eve-internet', { ...sources(t), stolenSiteKey: true }).privateKeysPem).toHaveLength(1);
  });
});

describe('passthrough sees less in TLS 1.3 (what the LB learns from the handshake)', () => {
  const lbFacts = (t: Timeline): string[] => segments(t).flatMap((s) => (s.views.lb ? handshakeFactsText(s.views.lb) : []));
  const lbCertificates = (t: Timeline): string[] => segments(t).flatMap((s) => (s.views.lb?.handshake.certificateSubject ? [s.views.lb.handshake.certificateSubject] : []));
  it('TLS 1.2: the SNI and the server certificate, both in cleartext', () => {
    const facts = lbFacts(run('passthrough', 'tls1.2'));
    expect(facts).toContain('Handshake: ClientHello (SNI shop.example.com)');
    expect(facts.some((f) => /^Handshake: Certificate \(.*CN=shop\.example\.com/.test(f))).toBe(true);
    expect(lbCertificates(run('passthrough', 'tls1.2')).some((c) => c.includes('CN=shop.example.com'))).toBe(true);
    expect(segments(run('passthrough', 'tls1.2')).some((s) => s.views.lb?.handshake.sni === 'shop.example.com')).toBe(true);
  });

  it('TLS 1.3: the SNI, but no certificate (it is inside an encrypted record)', () => {
    const t = run('passthrough', 'tls1.3');
    const facts = lbFacts(t);
    expect(facts).toContain('Handshake: ClientHello (SNI shop.example.com)');
    expect(facts.some((f) => /^Handshake: ServerHello \(TLS 1\.3 \(0x0304\), TLS_AES_128_GCM_SHA256\)$/.test(f))).toBe(true);
    expect(facts.filter((f) => /Certificate/.test(f))).toEqual([]);
    expect(lbCertificates(t)).toEqual([]);
    const hello = segments(t).find((s) => s.link === 'internet' && s.direction === 's2c')!;
    expect(hello.views.lb!.readability).toBe('encrypted');
    const clientHello = segments(t).find((s) => s.link === 'internet' && s.direction === 'c2s')!;
    expect(clientHello.views.lb!.readability).toBe('handshake-only');
    expect(clientHello.views.lb!.reason).toEqual({ code: 'cleartext-tls13-hello' });
    expect(viewReasonText(clientHello.views.lb!.reason)).toMatch(/TLS 1\.3 sends only the hellos in the clear/);
    // ...while the client, an end of the session, decrypted it.
    const clientFacts = segments(t).flatMap((s) => (s.views.client ? handshakeFactsText(s.views.client) : []));
    expect(segments(t).some((s) => s.views.client?.handshake.certificateSubject === 'shop.example.com')).toBe(true);
    expect(clientFacts).toContain('Handshake: Certificate (shop.example.com) (decrypted)');
    expect(clientFacts.some((f) => /EncryptedExtensions \(ALPN http\/1\.1\)/.test(f))).toBe(true);
  });
});

describe('a TLS 1.3 end that aborts after deriving its handshake keys', () => {
  it('still read the certificate it rejected (wrong-host): its handshake secrets count, the LB and eve read nothing', () => {
    const t = run('offload', 'tls1.3', findScenario('wrong-host')!);
    expect(t.sessions.filter((s) => s.established)).toEqual([]);
    const partial = t.sessions.filter((s) => s.node === 'client');
    expect(partial).toHaveLength(1);
    expect(partial[0]!.tls13Secrets).toMatchObject({ clientTrafficSecret0Hex: '', serverTrafficSecret0Hex: '' });
    const flight = segments(t).find((s) => s.link === 'internet' && s.direction === 's2c')!;
    expect(handshakeFactsText(flight.views.client!).some((f) => /^Handshake: Certificate \(.*\) \(decrypted\)$/.test(f))).toBe(true);
    expect(flight.views.client!.handshake.certificateSubject).toBeTruthy();
    expect(flight.views['eve-internet']!.handshake.certificateSubject).toBeUndefined();
    expect(handshakeFactsText(flight.views['eve-internet']!).filter((f) => /Certificate/.test(f))).toEqual([]);
  });
});

describe('decodeConnection on a TLS 1.3 connection', () => {
  it('names the real content types and the secrets used, per direction', () => {
    const t = run('passthrough', 'tls1.3');
    const recs = recordsOf(decodeConnection(connection(t, 'internet'), keyringOf('client', sources(t))));
    const s2c = recs.filter((r) => r.direction === 's2c' && r.status === 'decrypted');
    const flight = s2c.slice(0, s2c.findIndex((r) => detailOf(r) === 'Handshake: Finished') + 1);
    expect(flight.map(detailOf).join(', ').replace(/, Handshake: /g, ', '))
      .toBe('Handshake: EncryptedExtensions (ALPN http/1.1), Certificate (shop.example.com), CertificateVerify (rsa_pss_rsae_sha256), Finished');
    for (const r of flight) {
      expect(r.contentTypeName).toBe('handshake');
      expect(r.reason).toEqual({ code: 'own-tls13-secret', side: 'server', secret: 'handshake', keyUpdates: 0 });
    }
    const app = recs.filter((r) => r.contentTypeName === 'application_data' && r.status === 'decrypted');
    expect(app.length).toBeGreaterThan(0);
    for (const r of app) expect(r.reason).toMatchObject({ code: 'own-tls13-secret', secret: 'application' });
    const noKeys = recordsOf(decodeConnection(connection(t, 'internet'), { privateKeysPem: [], sessions: [] }));
    const hidden = noKeys.filter((r) => r.status === 'opaque');
    expect(hidden.length).toBe(recs.filter((r) => r.status === 'decrypted').length);
    for (const r of hidden) {
      expect(r.contentTypeName).toBe('application_data'); // what the wire says
      expect(r.decrypted).toBeUndefined(); // the real content type stays hidden
      expect(r.reason.code).not.toMatch(/^own-/);
    }
  });

  it('a key log with missing or malformed secrets opens nothing and never throws', () => {
    const t = run('passthrough', 'tls1.3');
    const [session] = keyringOf('client', sources(t)).sessions;
    const broken = { clientHandshakeTrafficSecretHex: '', serverHandshakeTrafficSecretHex: 'zz', clientTrafficSecret0Hex: '00', serverTrafficSecret0Hex: '' };
    const recs = recordsOf(decodeConnection(connection(t, 'internet'), { privateKeysPem: ['not a key'], sessions: [{ ...session!, tls13Secrets: broken }] }));
    expect(recs.filter((r) => r.status === 'decrypted')).toEqual([]);
    expect(recs.filter((r) => r.status === 'opaque').length).toBeGreaterThan(0);
  });

  it('a record with one flipped byte fails its tag check; the records around it still decrypt', () => {
    const t = run('passthrough', 'tls1.3');
    const chunks = connection(t, 'internet');
    const keyring = keyringOf('client', sources(t));
    const clean = decodeConnection(chunks, keyring);
    const target = clean.find((r) => r.records.some((x) => x.direction === 'c2s' && x.contentTypeName === 'application_data'))!;
    const rec = target.records.find((x) => x.direction === 'c2s' && x.contentTypeName === 'application_data')!;
    const at = rec.recordOffsetInChunk + 5 + 3; // a ciphertext byte
    const tampered = chunks.map((c, i) => (i === target.chunkIndex ? { ...c, bytes: c.bytes.map((b, j) => (j === at ? b ^ 0x01 : b)) } : c));
    const after = recordsOf(decodeConnection(tampered, keyring));
    const before = recordsOf(clean);
    const changed = after.map((r, i) => [r, before[i]!] as const).filter(([a, b]) => a.status !== b.status);
    expect(changed).toHaveLength(1);
    expect(changed[0]![0].status).toBe('opaque');
    expect(changed[0]![0].reason).toEqual({ code: 'mac-check-failed', check: 'aead-tag' });
  });

  it("a damaged server Finished record does not stop the observer: it finds the application key by trying", () => {
    const t = run('passthrough', 'tls1.3');
    const chunks = connection(t, 'internet');
    const keyring = keyringOf('client', sources(t));
    const clean = decodeConnection(chunks, keyring);
    const flight = clean.find((r) => r.records.some((x) => x.direction === 's2c' && detailOf(x).includes('Finished')))!;
    const rec = flight.records.find((x) => x.direction === 's2c' && detailOf(x).includes('Finished'))!;
    const at = rec.recordOffsetInChunk + rec.recordLength - 1; // the last tag byte
    const tampered = chunks.map((c, i) => (i === flight.chunkIndex ? { ...c, bytes: c.bytes.map((b, j) => (j === at ? b ^ 0x80 : b)) } : c));
    const after = recordsOf(decodeConnection(tampered, keyring)).filter((r) => r.direction === 's2c');
    expect(after.filter((r) => r.status === 'opaque')).toHaveLength(1);
    expect(after.filter((r) => r.contentTypeName === 'application_data' && r.status === 'decrypted').length).toBeGreaterThan(0);
  });
});

describe('decodeConnection on a TLS 1.2 ECDHE connection', () => {
  it('an endpoint decrypts with the key-log master secret; a flipped byte fails the GCM tag', () => {
    const t = run('passthrough', 'tls1.2');
    const chunks = connection(t, 'internet');
    const keyring = keyringOf('client', sources(t));
    const clean = decodeConnection(chunks, keyring);
    const recs = recordsOf(clean);
    expect(recs.filter((r) => r.status === 'decrypted' && detailOf(r) === 'Handshake: Finished')).toHaveLength(2);
    expect(recs.filter((r) => r.status === 'opaque')).toEqual([]);
    const target = clean.find((r) => r.records.some((x) => x.direction === 's2c' && x.contentTypeName === 'application_data'))!;
    const rec = target.records.find((x) => x.direction === 's2c' && x.contentTypeName === 'application_data')!;
    const at = rec.recordOffsetInChunk + rec.recordLength - 20; // inside the ciphertext, before the tag
    const tampered = chunks.map((c, i) => (i === target.chunkIndex ? { ...c, bytes: c.bytes.map((b, j) => (j === at ? b ^ 0x01 : b)) } : c));
    const bad = recordsOf(decodeConnection(tampered, keyring)).filter((r) => r.status === 'opaque');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.reason).toEqual({ code: 'mac-check-failed', check: 'aead-tag' });
  });

  it("the matching site key alone opens nothing, and says why", () => {
    const t = run('passthrough', 'tls1.2');
    const backendKeys = keyringOf('backend-1', sources(t)).privateKeysPem;
    expect(backendKeys.length).toBeGreaterThan(0);
    const recs = recordsOf(decodeConnection(connection(t, 'internet'), { privateKeysPem: backendKeys, sessions: [] }));
    const opaque = recs.filter((r) => r.status === 'opaque');
    expect(opaque.length).toBeGreaterThan(0);
    expect(recs.filter((r) => r.status === 'decrypted')).toEqual([]);
    for (const r of opaque) expect(r.reason).toEqual(FORWARD_SECRECY);
  });
});

describe('Tls13Direction: one direction of a TLS 1.3 stream, sealed by the engine\'s own record layer', () => {
  const secret = (fill: number): Uint8Array => new Uint8Array(32).fill(fill);
  const secrets = { handshake: secret(1), application: secret(2) };
  const wire = (bytes: Uint8Array) => ({ type: bytes[0]!, versionCode: (bytes[1]! << 8) | bytes[2]!, fragment: bytes.subarray(5) });

  it('switches to the application secret after Finished, and to the next one after a KeyUpdate', () => {
    const hs = new RecordProtection(secrets.handshake);
    const ap0 = new RecordProtection(secrets.application);
    const ap1 = new RecordProtection(nextTrafficSecret(secrets.application));
    const records = [
      hs.seal(22, encodeFinished(new Uint8Array(32).fill(9))),
      ap0.seal(23, asciiBytes('GET / HTTP/1.1\r\n\r\n')),
      ap0.seal(22, encodeKeyUpdate(false)),
      ap1.seal(23, asciiBytes('after the update')),
      ap1.seal(21, new Uint8Array([1, 0])),
    ].map(wire);
    const dir = new Tls13Direction();
    const out = records.map((r) => dir.read(r, secrets));
    expect(out.map((o) => (o.ok ? decryptedContentText(o.value.decrypted) : viewReasonText(o.reason)))).toEqual([
      'Handshake: Finished', '18 bytes of application_data', 'Handshake: KeyUpdate (update not requested)', '16 bytes of application_data', 'Alert: warning close_notify',
    ]);
    const opened = out.map((o) => (o.ok ? o.value : null));
    expect(opened.slice(0, 4).map((o) => [o!.stage, o!.keyUpdates])).toEqual([['handshake', 0], ['application', 0], ['application', 0], ['application', 1]]);
    expect(bytesToText(opened[3]!.content)).toBe('after the update');
    expect(opened[4]!.typeName).toBe('alert');
  });

  it('with the wrong secrets nothing opens, and the reason is the tag check', () => {
    const hs = new RecordProtection(secrets.handshake);
    const dir = new Tls13Direction();
    const out = dir.read(wire(hs.seal(22, encodeFinished(new Uint8Array(32)))), { handshake: secret(3), application: secret(4) });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toEqual({ code: 'mac-check-failed', check: 'aead-tag' });
  });
});
