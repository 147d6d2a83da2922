/**
 * The keyless dissection of TLS 1.2 and TLS 1.3 streams from real runs: hello extensions at their exact bytes,
 * the negotiated version, the ECDHE messages, the layout of protected records, the ladder labels, and that no
 * truncation of a stream makes the parser or the decoder throw.
 */
import { recordSummary } from '../../src/sim/content/layerText';
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, generateLabPki, runScenario, toHex } from '../../src/sim/engine';
import type { LabPki, SegmentSentEvent, Timeline } from '../../src/sim/engine';
import { concatBytes } from '../../src/sim/core/bytes';
import { TlsStreamParser, parseTlsRecords } from '../../src/sim/tls/records';
import type { ByteField, HandshakeInfo, TlsRecordInfo } from '../../src/sim/tls/records';
import { decodeConnection } from '../../src/sim/observe/decoder/passiveDecoder';
import type { StreamChunk } from '../../src/sim/observe/decoder/passiveDecoder';
import { keyringOf } from '../../src/sim/observe/visibility';
import { encodeHelloRetryRequest } from '../../src/sim/tlsShared/hello';
import { plaintextRecord } from '../../src/sim/tlsShared/record';

type Protocol = 'tls1.2' | 'tls1.3';
let pki: LabPki;
const runs = new Map<string, Timeline>();

function run(protocol: Protocol, extra: { encryptedClientHello?: boolean } = {}): Timeline {
  const key = JSON.stringify([protocol, extra]);
  let t = runs.get(key);
  if (!t) {
    t = runScenario(findScenario('basic')!, { mode: 'passthrough', seed: 5, options: { protocol, ...extra } }, pki);
    runs.set(key, t);
  }
  return t;
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent' && e.payload.length > 0);
/** The first internet connection's chunks, and each direction's whole stream. */
function firstConnection(t: Timeline): { chunks: StreamChunk[]; c2s: Uint8Array; s2c: Uint8Array; segs: SegmentSentEvent[] } {
  const first = segments(t).find((s) => s.link === 'internet')!;
  const segs = segments(t).filter((s) => s.connectionId === first.connectionId);
  const chunks = segs.map((s) => ({ direction: s.direction, bytes: s.payload }));
  const stream = (d: 'c2s' | 's2c'): Uint8Array => concatBytes(...chunks.filter((c) => c.direction === d).map((c) => c.bytes));
  return { chunks, c2s: stream('c2s'), s2c: stream('s2c'), segs };
}
/** Parses both directions with shared hints, as the inspector does. */
function parseBoth(t: Timeline): { c2s: TlsRecordInfo[]; s2c: TlsRecordInfo[] } {
  const { c2s, s2c } = firstConnection(t);
  const hints = {};
  const server = new TlsStreamParser(hints).push(s2c).records; // the ServerHello is parsed before the client's later records...
  const clientParser = new TlsStreamParser(hints);
  return { c2s: clientParser.push(c2s).records, s2c: server };
}
const bytesAt = (stream: Uint8Array, f: ByteField): string => toHex(stream.subarray(f.offset, f.offset + f.length));
const fieldsOf = (h: HandshakeInfo, label: string): ByteField[] => h.fields.filter((f) => f.label === label);

beforeAll(async () => {
  pki = await generateLabPki();
}, 60_000);

describe('TLS 1.3 ClientHello and ServerHello fields', () => {
  it('labels supported_versions and key_share at their exact bytes, and reports them', () => {
    const { c2s } = firstConnection(run('tls1.3'));
    const hello = parseTlsRecords(c2s).records[0]!.handshake![0]!;
    expect(hello.typeName).toBe('client_hello');
    if (!('supportedVersions' in hello)) throw new Error('not a ClientHello');
    expect(hello.supportedVersions).toContain(0x0304);
    expect(hello.keyShareGroups).toEqual(['x25519']);
    expect(hello.alpn).toContain('http/1.1');
    expect(hello.encryptedClientHello).toBe(false);
    const types = fieldsOf(hello, 'Extension type');
    const kind = (name: string): ByteField => types.find((f) => f.value === name)!;
    expect(bytesAt(c2s, kind('supported_versions'))).toBe('002b');
    expect(bytesAt(c2s, kind('key_share'))).toBe('0033');
    expect(bytesAt(c2s, kind('server_name'))).toBe('0000');
    expect(bytesAt(c2s, kind('application_layer_protocol_negotiation'))).toBe('0010');
    const offered = fieldsOf(hello, 'Supported version').find((f) => f.value === 'TLS 1.3 (0x0304)')!;
    expect(bytesAt(c2s, offered)).toBe('0304');
    expect(bytesAt(c2s, fieldsOf(hello, 'Key share group')[0]!)).toBe('001d');
    const key = fieldsOf(hello, 'Public key')[0]!;
    expect(key.length).toBe(32);
    expect(key.explanation).toMatch(/never crosses the wire/);
    // The key sits right after its 2-byte length, which says 32.
    expect(bytesAt(c2s, { ...key, offset: key.offset - 2, length: 2 })).toBe('0020');
    expect(fieldsOf(hello, 'Signature algorithm').map((f) => f.value)).toContain('rsa_pss_rsae_sha256');
    expect(fieldsOf(hello, 'Supported group').map((f) => f.value)).toContain('x25519');
  });

  it('reports the negotiated version from supported_versions, not the legacy 0x0303', () => {
    const { s2c } = firstConnection(run('tls1.3'));
    const hello = parseTlsRecords(s2c).records[0]!.handshake![0]!;
    if (!('negotiatedVersionCode' in hello)) throw new Error('not a ServerHello');
    expect(hello.serverVersion).toBe('TLS 1.2 (0x0303)');
    expect(hello.negotiatedVersionCode).toBe(0x0304);
    expect(hello.negotiatedVersion).toBe('TLS 1.3 (0x0304)');
    expect(hello.keyShareGroup).toBe('x25519');
    const selected = fieldsOf(hello, 'Selected version')[0]!;
    expect(bytesAt(s2c, selected)).toBe('0304');
  });

  it('marks Encrypted Client Hello, whose server_name is only the public name', () => {
    const { c2s } = firstConnection(run('tls1.3', { encryptedClientHello: true }));
    const hello = parseTlsRecords(c2s).records[0]!.handshake![0]!;
    if (!('encryptedClientHello' in hello)) throw new Error('not a ClientHello');
    expect(hello.encryptedClientHello).toBe(true);
    // The name in the clear is only the outer, public one; the summary says so (and a /SNI (\S+)/ reader still finds it).
    expect(recordSummary(parseTlsRecords(c2s).records[0]!.facts)).toBe(`Handshake: ClientHello (Encrypted Client Hello, outer SNI ${hello.serverName})`);
    expect(hello.serverName).not.toBe('shop.example.com');
    const ech = hello.fields.find((f) => f.label === 'Extension type' && f.value === 'encrypted_client_hello')!;
    expect(bytesAt(c2s, ech)).toBe('fe0d');
    expect(hello.fields.find((f) => f.label === 'Encrypted ClientHello')!.explanation).toMatch(/only the outer, public name/);
  });
});

describe('TLS 1.3 protected records', () => {
  it('after the ServerHello everything but the compatibility ChangeCipherSpec is protected', () => {
    const { c2s, s2c } = parseBoth(run('tls1.3'));
    expect(s2c[0]!.encrypted).toBe(false);
    expect(s2c[1]!.contentTypeName).toBe('change_cipher_spec');
    expect(s2c[1]!.encrypted).toBe(false);
    expect(recordSummary(s2c[1]!.facts)).toMatch(/middlebox compatibility/);
    const rest = s2c.slice(2);
    expect(rest.length).toBeGreaterThanOrEqual(5); // EncryptedExtensions, Certificate, CertificateVerify, Finished, a response
    for (const r of rest) {
      expect(r.contentTypeName).toBe('application_data');
      expect(r.encrypted).toBe(true);
      expect(r.protection).toBe('tls13');
      expect(recordSummary(r.facts)).toBe(`Encrypted record (TLS 1.3 hides the real content type; ${r.fragmentLength} bytes)`);
      expect(r.fields.map((f) => f.label)).toEqual(['Content type', 'Version', 'Length', 'Encrypted record', 'Authentication tag']);
      const tag = r.fields[4]!;
      expect(tag.offset + tag.length).toBe(r.offset + r.length);
      expect(tag.value).toBe(toHex(r.fragment.subarray(r.fragment.length - 16)));
    }
    expect(c2s[0]!.encrypted).toBe(false);
    expect(c2s.slice(1).filter((r) => r.contentTypeName !== 'change_cipher_spec').every((r) => r.protection === 'tls13')).toBe(true);
  });

  it('a 1.3-offering client stream alone (no ServerHello seen) still marks its application_data records as encrypted', () => {
    const { c2s } = firstConnection(run('tls1.3'));
    const records = new TlsStreamParser().push(c2s).records;
    const withoutCcs = concatBytes(c2s.subarray(0, records[0]!.length), c2s.subarray(records[0]!.length + records[1]!.length));
    expect(records[1]!.contentTypeName).toBe('change_cipher_spec');
    const parsed = new TlsStreamParser().push(withoutCcs).records;
    expect(parsed.slice(1).length).toBeGreaterThan(0);
    for (const r of parsed.slice(1)) expect(r.encrypted).toBe(true);
  });

  it('a HelloRetryRequest is named, and the second ClientHello after the client\'s compatibility CCS stays cleartext', () => {
    const { c2s } = firstConnection(run('tls1.3'));
    const [hello, ccs] = new TlsStreamParser().push(c2s).records;
    const hints = {};
    const hrr = new TlsStreamParser(hints);
    const client = new TlsStreamParser(hints);
    client.push(c2s.subarray(0, hello!.length));
    const retry = hrr.push(plaintextRecord(22, encodeHelloRetryRequest(new Uint8Array(32), 0x001d))).records[0]!;
    expect(recordSummary(retry.facts)).toBe('Handshake: HelloRetryRequest (asks for a x25519 key share)');
    expect(retry.fields.find((f) => f.label === 'Selected group')!.value).toBe('x25519');
    const again = client.push(concatBytes(c2s.subarray(hello!.length, hello!.length + ccs!.length), c2s.subarray(0, hello!.length))).records;
    expect(again.map((r) => [r.contentTypeName, r.encrypted])).toEqual([['change_cipher_spec', false], ['handshake', false]]);
    expect(recordSummary(again[1]!.facts)).toBe('Handshake: ClientHello (SNI shop.example.com)');
  });

  it('labels the server flight for the ladder', () => {
    const t = run('tls1.3');
    const flight = segments(t).find((s) => s.link === 'internet' && s.direction === 's2c')!;
    expect(flight.label).toMatch(/^ServerHello, ChangeCipherSpec, \d+ encrypted records$/);
    expect(flight.layers.filter((l) => l.kind === 'tls' && l.encrypted).length).toBe(Number(/(\d+) encrypted/.exec(flight.label)![1]));
  });
});

describe('TLS 1.2 ECDHE fields', () => {
  it('labels the ServerKeyExchange: named curve, ephemeral key, and a signature by the site key', () => {
    const { s2c } = parseBoth(run('tls1.2'));
    const { s2c: stream } = firstConnection(run('tls1.2'));
    const hs = s2c.flatMap((r) => r.handshake ?? []);
    const ske = hs.find((h) => h.typeName === 'server_key_exchange')!;
    if (!('namedCurve' in ske)) throw new Error('no ECDHE ServerKeyExchange');
    expect(ske.namedCurve).toBe('x25519');
    expect(ske.ecdhePublicKeyHex).toHaveLength(64);
    expect(bytesAt(stream, fieldsOf(ske, 'Named curve')[0]!)).toBe('001d');
    expect(bytesAt(stream, fieldsOf(ske, 'Server ephemeral public key')[0]!)).toBe(ske.ecdhePublicKeyHex);
    expect(fieldsOf(ske, 'Signature').find((f) => f.explanation)!.explanation).toMatch(/SIGNS .* it encrypts nothing/);
    const hello = hs.find((h) => h.typeName === 'server_hello')!;
    if (!('negotiatedVersionCode' in hello)) throw new Error('no ServerHello');
    expect(hello.negotiatedVersionCode).toBe(0x0303);
  });

  it('labels the ECDHE ClientKeyExchange, and GCM records with their explicit nonce and tag', () => {
    const { c2s } = parseBoth(run('tls1.2'));
    const { c2s: stream } = firstConnection(run('tls1.2'));
    const cke = c2s.flatMap((r) => r.handshake ?? []).find((h) => h.typeName === 'client_key_exchange')!;
    if (!('ecdhePublicKeyHex' in cke)) throw new Error('not an ECDHE ClientKeyExchange');
    expect(bytesAt(stream, fieldsOf(cke, 'Client ephemeral public key')[0]!)).toBe(cke.ecdhePublicKeyHex);
    expect(fieldsOf(cke, 'Client ephemeral public key')[0]!.explanation).toMatch(/shared secret never crosses the wire/);
    const enc = c2s.filter((r) => r.encrypted);
    expect(enc.length).toBeGreaterThan(1);
    for (const r of enc) {
      expect(r.protection).toBe('aead12');
      expect(r.fields.map((f) => f.label)).toEqual(['Content type', 'Version', 'Length', 'Explicit nonce', 'Encrypted data', 'Authentication tag']);
      expect(r.fields[3]!.length).toBe(8);
    }
    expect(recordSummary(enc[0]!.facts)).toBe('Encrypted handshake message (Finished)');
    expect(recordSummary(enc[1]!.facts)).toMatch(/^Application data \(encrypted, \d+ bytes\)$/);
  });
});

describe.each(['tls1.2', 'tls1.3'] as const)('%s: truncation never throws', (protocol) => {
  it('the parser, at every length of each direction', () => {
    const { c2s, s2c } = firstConnection(run(protocol));
    for (const stream of [c2s, s2c]) {
      for (let n = 0; n <= stream.length; n++) {
        const out = parseTlsRecords(stream.subarray(0, n));
        expect(out.error).toBeUndefined();
      }
    }
  });

  it('every single-byte corruption of the cleartext hellos (parser and decoder)', () => {
    const t = run(protocol);
    const { chunks } = firstConnection(t);
    const keyring = keyringOf('client', { sessions: t.sessions, keyPlacement: t.keyPlacement, pki, eavesdroppers: true });
    const helloChunks = [chunks.findIndex((c) => c.direction === 'c2s'), chunks.findIndex((c) => c.direction === 's2c')];
    for (const index of helloChunks) {
      const hello = parseTlsRecords(chunks[index]!.bytes).records[0]!;
      for (let at = 0; at < hello.length; at++) {
        const broken = chunks.map((c, i) => (i === index ? { ...c, bytes: c.bytes.map((b, j) => (j === at ? b ^ 0xff : b)) } : c));
        expect(() => parseTlsRecords(broken[index]!.bytes)).not.toThrow();
        expect(() => decodeConnection(broken, keyring)).not.toThrow();
      }
    }
  });

  it('the decoder, with and without keys, at every cut of the server stream', () => {
    const t = run(protocol);
    const { chunks } = firstConnection(t);
    const keyring = keyringOf('client', { sessions: t.sessions, keyPlacement: t.keyPlacement, pki, eavesdroppers: true });
    const s2cTotal = chunks.filter((c) => c.direction === 's2c').reduce((n, c) => n + c.bytes.length, 0);
    const cut = (limit: number): StreamChunk[] => {
      let left = limit;
      return chunks.map((c) => {
        if (c.direction === 'c2s') return c;
        const bytes = c.bytes.subarray(0, Math.max(0, left));
        left -= c.bytes.length;
        return { direction: c.direction, bytes };
      });
    };
    for (let n = 0; n <= s2cTotal; n++) {
      // Keyless at every length (no crypto), with the endpoint's keys at a stride (each decode runs AES-GCM).
      expect(() => decodeConnection(cut(n), { privateKeysPem: [], sessions: [] })).not.toThrow();
      if (n % 97 === 0 || n === s2cTotal) {
        const readings = decodeConnection(cut(n), keyring);
        // Whatever of the server's records arrived whole still decrypts; the client's need the ServerHello first.
        const recs = readings.flatMap((x) => x.records);
        for (const r of recs) if (r.direction === 's2c' || n === s2cTotal) expect(r.status).not.toBe('opaque');
      }
    }
  });
});
