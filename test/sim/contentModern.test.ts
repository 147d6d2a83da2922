/**
 * Narration of the lab's TLS 1.2 and TLS 1.3 runs: every event of a representative set of scenarios, in every
 * mode, fits the UI's limits; the packets are told as what they are in that version (a signed ephemeral key in
 * 1.2, a key share and an encrypted flight in 1.3) and never as TLS 1.1's RSA key transport; a passthrough LB is
 * never said to see the certificate it relays encrypted; the key schedule steps are narrated without values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, generateLabPki, runScenario } from '../../src/sim/engine';
import type { LabPki, Mode, SegmentSentEvent, Timeline, TlsProtocol } from '../../src/sim/engine';
import { GLOSSARY, PROTOCOL_NOTE, PROTOCOL_NOTES, narrate } from '../../src/sim/content/index';
import type { Narration } from '../../src/sim/content/index';

/**
 * TLS 1.3 (the default the lab is moving to) runs every scenario; TLS 1.2 a sample that between them produce
 * every kind of packet and failure, which keeps the file well under a minute on a busy 2-core machine.
 */
const SAMPLE_12 = ['basic', 'mtls', 'tamper', 'tamper-internal', 'wrong-host', 'impostor-backend', 'split-hello', 'not-tls', 'proxy-mismatch'];
const MODERN: readonly TlsProtocol[] = ['tls1.2', 'tls1.3'];
const scenariosFor = (protocol: TlsProtocol): readonly string[] => (protocol === 'tls1.3' ? SCENARIOS.map((s) => s.id) : SAMPLE_12);

let pki: LabPki;
const runs: { label: string; mode: Mode; protocol: TlsProtocol; timeline: Timeline }[] = [];
const run = (scenario: string, mode: Mode, protocol: TlsProtocol): Timeline =>
  runs.find((r) => r.label === `${scenario}/${mode}/${protocol}`)!.timeline;

beforeAll(async () => {
  pki = await generateLabPki();
  for (const protocol of MODERN) {
    for (const id of scenariosFor(protocol)) {
      const scenario = SCENARIOS.find((s) => s.id === id)!;
      for (const mode of MODES) runs.push({ label: `${id}/${mode}/${protocol}`, mode, protocol, timeline: runScenario(scenario, { mode, options: { protocol } }, pki) });
    }
  }
}, 240_000);

const ownProse = (text: string): string => text.replace(/“[^”]*”/g, '“”');
const sentenceCount = (text: string): number => ownProse(text).split(/[.!?](?:\s+|$)/).filter((s) => s.trim().length > 0).length;
const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const all = (n: Narration): string => `${n.headline} ${n.detail} ${n.modeNote ?? ''}`;

describe('narration of TLS 1.2 and 1.3 runs', () => {
  it('gives every event a headline of at most 80 characters, 1 to 3 sentences and known glossary links', () => {
    let checked = 0;
    for (const r of runs) {
      expect(r.timeline.protocol.id, r.label).toBe(r.protocol);
      r.timeline.events.forEach((e, i) => {
        const n = narrate(e, r.mode, r.protocol);
        const where = `${r.label} #${i} ${e.type}: ${n.headline} | ${n.detail}`;
        expect(n.headline.length, where).toBeLessThanOrEqual(80);
        expect(sentenceCount(n.detail), where).toBeGreaterThanOrEqual(1);
        expect(sentenceCount(n.detail), where).toBeLessThanOrEqual(3);
        for (const id of n.glossary) expect(GLOSSARY[id], `${where}: glossary ${id}`).toBeDefined();
        checked += 1;
      });
    }
    expect(checked).toBeGreaterThan(8000);
  });

  it('never tells a 1.2 or 1.3 packet as RSA key transport, CBC or HMAC-SHA1', () => {
    for (const r of runs) {
      for (const e of segments(r.timeline)) {
        const text = all(narrate(e, r.mode, r.protocol));
        expect(text, `${r.label} ${e.label}`).not.toMatch(/RSA public key from the certificate|pre-master secret and encrypts|CBC|HMAC-SHA1|RFC 4346/);
      }
    }
  });

  it('TLS 1.3 passthrough: the server flight is told as encrypted, and the LB is never said to see the certificate', () => {
    const t = run('basic', 'passthrough', 'tls1.3');
    const flights = segments(t).filter((s) => s.label.startsWith('ServerHello'));
    expect(flights.map((s) => s.link).sort()).toEqual(['internal', 'internet']);
    for (const flight of flights) {
      const n = narrate(flight, 'passthrough', 'tls1.3');
      expect(n.detail).toMatch(/EncryptedExtensions, Certificate, CertificateVerify and Finished/);
      expect(n.detail).toMatch(/sees only their sizes/);
      expect(all(n)).not.toMatch(/shop\.example\.com/);
      expect(n.modeNote).toMatch(/cannot see|none of the messages after it/);
      expect(n.glossary).toEqual(expect.arrayContaining(['certificate-verify', 'encrypted-extensions']));
    }
    const relayed = narrate(flights.find((s) => s.from === 'lb')!, 'passthrough', 'tls1.3');
    expect(relayed.headline).toMatch(/unseen by the LB/);
    // The same packet in TLS 1.2 names the certificate: the comparison the lesson asks for.
    const flight12 = segments(run('basic', 'passthrough', 'tls1.2')).find((s) => s.label.startsWith('ServerHello') && s.from === 'lb')!;
    expect(all(narrate(flight12, 'passthrough', 'tls1.2'))).toMatch(/shop\.example\.com/);
  });

  it('TLS 1.2: ServerKeyExchange is a signed ephemeral key, ClientKeyExchange the other half, GCM records', () => {
    const t = run('basic', 'offload', 'tls1.2');
    const ske = segments(t).find((s) => s.label.includes('ServerKeyExchange'))!;
    const n = narrate(ske, 'offload', 'tls1.2');
    expect(n.headline).toMatch(/ServerKeyExchange: LB signs a fresh x25519 key/);
    expect(n.detail).toMatch(/RSA key of that certificate signs an ephemeral x25519 public key/);
    expect(n.modeNote).toMatch(/not decrypt recorded sessions/);
    const cke = narrate(segments(t).find((s) => s.label.startsWith('ClientKeyExchange'))!, 'offload', 'tls1.2');
    expect(cke.detail).toMatch(/never crosses the wire/);
    expect(cke.modeNote).toMatch(/forward secrecy/);
    const data = narrate(segments(t).find((s) => s.label === 'Application data' && s.link === 'internet')!, 'offload', 'tls1.2');
    expect(data.detail).toMatch(/AES-128-GCM/);
    expect(data.glossary).toContain('aead');
  });

  it('TLS 1.3: the ClientHello carries key_share and supported_versions, and ECH leaves only the outer name', () => {
    const hello = segments(run('basic', 'passthrough', 'tls1.3')).find((s) => s.label === 'ClientHello' && s.link === 'internet')!;
    const n = narrate(hello, 'passthrough', 'tls1.3');
    expect(n.detail).toMatch(/supported_versions/);
    expect(n.detail).toMatch(/key_share/);
    expect(n.glossary).toEqual(expect.arrayContaining(['key-share', 'supported-versions', 'alpn']));
    const echHello = segments(run('ech-breaks-sni-routing', 'passthrough', 'tls1.3')).find((s) => s.label === 'ClientHello' && s.link === 'internet')!;
    const ech = narrate(echHello, 'passthrough', 'tls1.3');
    expect(ech.headline).toMatch(/ECH: outer name/);
    expect(ech.modeNote).toMatch(/outer public name/);
  });

  it('TLS 1.3: the client Finished and a protected alert are told for what they are', () => {
    const t = run('basic', 'offload', 'tls1.3');
    const fin = segments(t).find((s) => s.link === 'internet' && s.from === 'client' && s.layers.some((l) => l.kind === 'tls' && l.facts.contentType === 'change_cipher_spec'))!;
    expect(narrate(fin, 'offload', 'tls1.3').headline).toMatch(/Finished from the client: the TLS 1\.3 handshake is complete/);
    // The client refusing the certificate sends its alert under its handshake key: 19 bytes, type hidden.
    const closes = segments(run('wrong-host', 'offload', 'tls1.3')).filter((s) => s.layers.length > 0 && s.layers.every((l) => l.kind === 'tls' && l.encrypted && l.fields.some((f) => f.label === 'Length' && f.value === '19')));
    expect(closes.length).toBeGreaterThan(0);
    for (const c of closes) expect(narrate(c, 'offload', 'tls1.3').headline).toMatch(/the size of an alert/);
  });

  it('TLS 1.3 mutual TLS: the server flight spills into a second segment, told as more handshake, not as a response', () => {
    const t = run('mtls', 'passthrough', 'tls1.3');
    const fromBackend = segments(t).filter((s) => s.from === 'backend-1' && s.payload.length > 0);
    expect(fromBackend[0]!.label).toMatch(/^ServerHello/);
    const rest = narrate(fromBackend[1]!, 'passthrough', 'tls1.3');
    expect(rest.headline).toMatch(/More of backend-1's encrypted handshake/);
    expect(rest.modeNote).toMatch(/handshake is still going on/);
    expect(narrate(fromBackend[2]!, 'passthrough', 'tls1.3').headline).toMatch(/Encrypted response/);
  });

  it('a tampered record is caught by the AES-GCM tag, not an HMAC', () => {
    for (const protocol of MODERN) {
      const tampered = segments(run('tamper', 'passthrough', protocol)).find((s) => s.tampered)!;
      const n = narrate(tampered, 'passthrough', protocol);
      expect(n.detail).toMatch(/AES-GCM authentication tag/);
      expect(n.detail).toMatch(protocol === 'tls1.3' ? /RFC 8446/ : /RFC 5246/);
    }
  });

  it('narrates the key schedule per mode without a secret value', () => {
    for (const protocol of MODERN) {
      for (const mode of MODES) {
        const t = run('basic', mode, protocol);
        const steps = t.events.filter((e) => e.type === 'tls.keysDerived');
        expect(steps.length).toBeGreaterThan(0);
        const values = t.sessions.flatMap((s) => [s.masterSecretHex, ...Object.values(s.tls13Secrets ?? {})]).filter((v) => v.length > 0);
        for (const step of steps) {
          const n = narrate(step, mode, protocol);
          for (const v of values) expect(all(n)).not.toContain(v.slice(0, 12));
          expect(n.glossary).toContain('key-schedule');
          if (mode === 'passthrough') expect(n.modeNote).toMatch(/LB relaying the bytes derives nothing/);
          if (mode === 'offload' && step.node === 'lb') expect(n.modeNote).toMatch(/decrypts every request/);
        }
        const first = narrate(steps[0]!, mode, protocol);
        expect(first.detail).toMatch(protocol === 'tls1.3' ? /handshake_secret is HKDF-Extract of the x25519 shared secret/ : /pre_master_secret is the x25519 shared secret/);
      }
    }
  });

  it('falls back on the packet bytes when the protocol is not given', () => {
    const t = run('basic', 'passthrough', 'tls1.3');
    const flight = segments(t).find((s) => s.label.startsWith('ServerHello'))!;
    expect(narrate(flight, 'passthrough').headline).toBe(narrate(flight, 'passthrough', 'tls1.3').headline);
    const ske = segments(run('basic', 'offload', 'tls1.2')).find((s) => s.label.includes('ServerKeyExchange'))!;
    expect(narrate(ske, 'offload').headline).toMatch(/ServerKeyExchange/);
  });
});

describe('protocol notes', () => {
  it('keeps the TLS 1.1 note and says honestly what the 1.2 and 1.3 engines are and leave out', () => {
    expect(PROTOCOL_NOTES['tls1.1']).toBe(PROTOCOL_NOTE);
    expect(PROTOCOL_NOTES['tls1.2'].whatRuns).toMatch(/ECDHE_RSA_WITH_AES_128_GCM_SHA256[\s\S]*node-forge[\s\S]*@noble\/curves[\s\S]*OpenSSL/);
    expect(PROTOCOL_NOTES['tls1.3'].whatRuns).toMatch(/TLS_AES_128_GCM_SHA256[\s\S]*RSA-PSS[\s\S]*RFC 8448[\s\S]*OpenSSL/);
    const simplified13 = PROTOCOL_NOTES['tls1.3'].simplifications.join(' ');
    for (const idea of [/0-RTT/, /resumption/, /HelloRetryRequest/, /ECH is simulated/, /rsa_pss_rsae_sha256/]) expect(simplified13).toMatch(idea);
    expect(PROTOCOL_NOTES['tls1.2'].whatTls12And13Change.join(' ')).toMatch(/certificate crosses the network in the clear/);
    expect(PROTOCOL_NOTES['tls1.3'].whatTls12And13Change.join(' ')).toMatch(/certificate included/);
  });
});
