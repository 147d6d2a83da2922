import { recordSummary } from '../../src/sim/content/layerText';
import { beforeAll, describe, expect, it } from 'vitest';
import { TlsStreamParser, cipherSuiteName, looksLikeTls, parseTlsRecords, versionName } from '../../src/sim/tls/records';
import type { HandshakeInfo, TlsRecordInfo } from '../../src/sim/tls/records';
import { asciiBytes, bytesToText, concatBytes, toHex } from '../../src/sim/core/bytes';
import { makeIdentity, runExchange, streamOf } from './helpers/forgePair';
import type { CapturedExchange, TestIdentity } from './helpers/forgePair';

const REQUEST = 'GET /cart HTTP/1.1\r\nHost: shop.example.com\r\n\r\n';
const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello';

let id: TestIdentity;
let ex: CapturedExchange;
let c2s: Uint8Array;
let s2c: Uint8Array;
let c2sRecords: TlsRecordInfo[];
let s2cRecords: TlsRecordInfo[];

const allHandshakes = (recs: TlsRecordInfo[]): HandshakeInfo[] => recs.flatMap((r) => r.handshake ?? []);
const field = (h: HandshakeInfo | TlsRecordInfo, label: string) => {
  const f = h.fields.find((x) => x.label === label);
  if (!f) throw new Error(`no field ${label}`);
  return f;
};

beforeAll(() => {
  id = makeIdentity();
  ex = runExchange(id, { request: REQUEST, response: RESPONSE });
  c2s = streamOf(ex.chunks, 'c2s');
  s2c = streamOf(ex.chunks, 's2c');
  c2sRecords = new TlsStreamParser().push(c2s).records;
  s2cRecords = new TlsStreamParser().push(s2c).records;
});

describe('TLS record parsing of a real forge session', () => {
  it('the exchange itself succeeded', () => {
    expect(ex.errors).toEqual([]);
    expect(bytesToText(ex.serverReceived)).toBe(REQUEST);
    expect(bytesToText(ex.clientReceived)).toBe(RESPONSE);
  });

  it('splits each direction into the expected records, encrypted after ChangeCipherSpec', () => {
    expect(c2sRecords.map((r) => [r.contentTypeName, r.encrypted])).toEqual([
      ['handshake', false], ['handshake', false], ['change_cipher_spec', false], ['handshake', true], ['application_data', true], ['alert', true],
    ]);
    expect(recordSummary(c2sRecords[0]!.facts)).toBe('Handshake: ClientHello (SNI shop.example.com)');
    expect(c2sRecords[0]!.facts).toMatchObject({ contentType: 'handshake', sni: 'shop.example.com', echOuterName: null, encrypted: false });
    expect(c2sRecords[3]!.facts).toMatchObject({ contentType: 'handshake', encrypted: true, firstEncryptedHandshake: true, innerTypeHidden: false });
    expect(s2cRecords[0]!.facts.negotiatedVersion).toBe('TLS 1.1 (0x0302)');
    expect(recordSummary(c2sRecords[3]!.facts)).toBe('Encrypted handshake message (Finished)');
    expect(recordSummary(c2sRecords[4]!.facts)).toMatch(/^Application data \(encrypted, \d+ bytes\)$/);
    expect(c2sRecords[4]!.handshake).toBeUndefined();
    expect(s2cRecords.map((r) => recordSummary(r.facts))[0]).toBe('Handshake: ServerHello (TLS 1.1 (0x0302), TLS_RSA_WITH_AES_128_CBC_SHA)');
    const total = (recs: TlsRecordInfo[]) => recs.reduce((n, r) => n + r.length, 0);
    expect(total(c2sRecords)).toBe(c2s.length);
    expect(total(s2cRecords)).toBe(s2c.length);
  });

  it('the server negotiated TLS 1.1 (the forge patch works)', () => {
    const sh = allHandshakes(s2cRecords).find((h) => h.typeName === 'server_hello')!;
    expect('serverVersion' in sh && sh.serverVersion).toBe('TLS 1.1 (0x0302)');
    expect('cipherSuite' in sh && sh.cipherSuite).toBe('TLS_RSA_WITH_AES_128_CBC_SHA');
    expect(s2cRecords.at(-1)!.version).toBe('TLS 1.1 (0x0302)');
  });

  it('every field points at the exact bytes it describes', () => {
    for (const [stream, recs] of [[c2s, c2sRecords], [s2c, s2cRecords]] as const) {
      for (const r of recs) {
        const at = (label: string) => { const f = field(r, label); return stream.subarray(f.offset, f.offset + f.length); };
        expect(at('Content type')[0]).toBe(r.contentType);
        expect((at('Length')[0]! << 8) | at('Length')[1]!).toBe(r.fragmentLength);
        for (const f of r.fields) {
          expect(f.offset).toBeGreaterThanOrEqual(r.offset);
          expect(f.offset + f.length).toBeLessThanOrEqual(r.offset + r.length);
          expect(f.length).toBeGreaterThan(0);
          if (/random|Session ID$|Encrypted pre-master secret$|Explicit IV/.test(f.label)) expect(toHex(stream.subarray(f.offset, f.offset + f.length))).toBe(f.value);
        }
      }
    }
    const hello = c2sRecords[0]!;
    const sni = field(hello, 'Server name (SNI)');
    expect(bytesToText(c2s.subarray(sni.offset, sni.offset + sni.length))).toBe('shop.example.com');
    const ch = hello.handshake![0]!;
    expect('clientRandomHex' in ch && ch.clientRandomHex).toBe(ex.clientRandomHex);
    const random = field(ch, 'Client random');
    expect(toHex(c2s.subarray(random.offset, random.offset + 32))).toBe(ex.clientRandomHex);
    expect('cipherSuites' in ch && ch.cipherSuites).toEqual(['TLS_RSA_WITH_AES_128_CBC_SHA']);
  });

  it('parses the certificate with forge, and its DER field is the exact bytes', () => {
    const cert = allHandshakes(s2cRecords).find((h) => h.typeName === 'certificate')!;
    if (!('certificates' in cert)) throw new Error('no certificates');
    const leaf = cert.certificates[0]!;
    expect(leaf.subject).toBe('CN=shop.example.com, O=Example Shop');
    expect(leaf.issuer).toBe('CN=Passthrough Lab Test CA, O=Passthrough Lab');
    expect(leaf.altNames).toEqual(['DNS:shop.example.com']);
    expect(leaf.publicKeyBits).toBe(2048);
    expect(leaf.notBefore).toBe('2025-01-01T00:00:00.000Z');
    const der = field(cert, 'Certificate 1 (leaf)');
    expect(toHex(s2c.subarray(der.offset, der.offset + der.length))).toBe(leaf.derHex);
    expect(der.value).toBe(leaf.subject);
  });

  it('reads the RSA-encrypted pre-master secret with its TLS 1.x length prefix', () => {
    const cke = allHandshakes(c2sRecords).find((h) => h.typeName === 'client_key_exchange')!;
    expect('encryptedPreMasterHex' in cke && cke.encryptedPreMasterHex.length).toBe(512);
    expect(field(cke, 'Encrypted pre-master secret length').value).toBe('256');
  });

  it('is incremental: byte-by-byte pushes give the same records, each once, when complete', () => {
    const parser = new TlsStreamParser();
    const got: TlsRecordInfo[] = [];
    for (let i = 0; i < s2c.length; i++) {
      const out = parser.push(s2c.subarray(i, i + 1));
      expect(out.error).toBeUndefined();
      got.push(...out.records);
    }
    expect(got.map((r) => [r.offset, recordSummary(r.facts), r.fields.length])).toEqual(s2cRecords.map((r) => [r.offset, recordSummary(r.facts), r.fields.length]));
    expect(parser.bufferedBytes).toBe(0);
    expect(parser.isEncrypted).toBe(true);
  });

  it('waits on truncated input and reports garbage without throwing', () => {
    const cut = parseTlsRecords(c2s.subarray(0, c2s.length - 1));
    expect(cut.records).toHaveLength(c2sRecords.length - 1);
    expect(cut.incompleteBytes).toBe(c2sRecords.at(-1)!.length - 1);
    const parser = new TlsStreamParser();
    const bad = parser.push(asciiBytes('GET / HTTP/1.1\r\n\r\n'));
    expect(bad.records).toEqual([]);
    expect(bad.error).toMatch(/not a TLS record at stream offset 0: content type 71/);
    expect(parser.push(c2s).error).toBe(bad.error);
    const huge = parseTlsRecords(Uint8Array.of(22, 3, 2, 0xff, 0xff));
    expect(huge.error).toMatch(/exceeds the TLS maximum/);
  });

  it('survives every single-byte corruption of the first flights', () => {
    for (const stream of [c2s.subarray(0, c2sRecords[0]!.length), s2c.subarray(0, s2cRecords[0]!.length + s2cRecords[1]!.length)]) {
      for (let i = 0; i < stream.length; i += stream.length > 300 ? 7 : 1) {
        for (const v of [0x00, 0xff]) {
          const copy = stream.slice();
          copy[i] = v;
          expect(() => parseTlsRecords(copy)).not.toThrow();
        }
      }
    }
    const hello = c2s.slice(0, c2sRecords[0]!.length);
    hello[6] = 0x7f; // handshake length far beyond the record: the message waits for more records
    expect(recordSummary(parseTlsRecords(hello).records[0]!.facts)).toMatch(/continued in the next record/);
    const short = c2s.slice(0, c2sRecords[0]!.length);
    short[5 + 4 + 2 + 32] = 200; // session_id length larger than what is left
    const h = parseTlsRecords(short).records[0]!.handshake![0]!;
    expect(h.error).toMatch(/malformed/);
  });

  it('reassembles a handshake message split across two records and keeps field offsets exact', () => {
    const hello = c2sRecords[0]!.fragment;
    const cut = hello.length - 10; // the SNI sits near the end: it crosses into the second record
    const rec = (frag: Uint8Array) => concatBytes(Uint8Array.of(22, 3, 2, frag.length >> 8, frag.length & 0xff), frag);
    const stream = concatBytes(rec(hello.subarray(0, cut)), rec(hello.subarray(cut)));
    const { records } = parseTlsRecords(stream);
    expect(records[0]!.handshake).toEqual([]);
    expect(records[1]!.handshake![0]!.typeName).toBe('client_hello');
    const ch = records[1]!.handshake![0]!;
    expect('serverName' in ch && ch.serverName).toBe('shop.example.com');
    const random = field(ch, 'Client random');
    expect(toHex(stream.subarray(random.offset, random.offset + random.length))).toBe(ex.clientRandomHex);
  });

  it('names alerts, versions and cipher suites', () => {
    const { records } = parseTlsRecords(Uint8Array.of(21, 3, 2, 0, 2, 2, 40));
    expect(records[0]!.alert).toEqual({ level: 'fatal', description: 'handshake_failure', code: 40 });
    expect(recordSummary(records[0]!.facts)).toBe('Alert: fatal handshake_failure');
    expect(versionName(3, 1)).toBe('TLS 1.0 (0x0301)');
    expect(cipherSuiteName(0x0035)).toBe('TLS_RSA_WITH_AES_256_CBC_SHA');
    expect(cipherSuiteName(0xabcd)).toBe('0xabcd');
    expect(looksLikeTls(c2s)).toBe(true);
    expect(looksLikeTls(asciiBytes('GET /'))).toBe(false);
    expect(looksLikeTls(new Uint8Array(0))).toBe(false);
  });

  it('labels the explicit IV only in TLS 1.1 (TLS 1.0 chains IVs, RFC 4346 §6.2.3.2)', () => {
    const ex10 = runExchange(id, { request: REQUEST, response: RESPONSE, clientOffersTls10: true });
    const recs = parseTlsRecords(streamOf(ex10.chunks, 's2c')).records;
    expect(recordSummary(recs[0]!.facts)).toMatch(/ServerHello \(TLS 1\.0 \(0x0301\)/);
    const enc = recs.filter((r) => r.encrypted);
    expect(enc.length).toBeGreaterThan(0);
    for (const r of enc) expect(r.fields.map((f) => f.label)).toEqual(['Content type', 'Version', 'Length', 'Encrypted data']);
    for (const r of c2sRecords.filter((x) => x.encrypted)) expect(r.fields.map((f) => f.label)).toContain('Explicit IV');
  });
});
