import { beforeAll, describe, expect, it } from 'vitest';
import { decodeConnection } from '../../src/sim/observe/decoder/passiveDecoder';
import type { ChunkReading, Keyring, RecordReading, StreamChunk } from '../../src/sim/observe/decoder/passiveDecoder';
import { decryptedContentText, recordSummary } from '../../src/sim/content/layerText';
import { asciiBytes, bytesToText, concatBytes, equalBytes, indexOfBytes } from '../../src/sim/core/bytes';
import { makeIdentity, newSessionCaches, runExchange } from './helpers/forgePair';
import type { CapturedExchange, TestIdentity } from './helpers/forgePair';

const REQUEST = 'GET /cart HTTP/1.1\r\nHost: shop.example.com\r\nCookie: session=abc123\r\n\r\n';
const RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\n2 items: tea';
const NO_KEY = { code: 'no-key-for-session', tls13: false } as const;
/** What a record holds, as content words it from the decoder's facts. */
const detailOf = (r: RecordReading): string => (r.record ? recordSummary(r.record) : r.decrypted ? decryptedContentText(r.decrypted) : '');

let id: TestIdentity;
let ex: CapturedExchange;
const empty: Keyring = { privateKeysPem: [], sessions: [] };
const endpoint = (e: CapturedExchange): Keyring => ({ privateKeysPem: [], sessions: [{ clientRandomHex: e.clientRandomHex, masterSecretHex: e.masterSecretHex }] });

const recordsOf = (readings: ChunkReading[]): RecordReading[] => readings.flatMap((r) => r.records);
const appData = (readings: ChunkReading[], dir: 'c2s' | 's2c'): Uint8Array =>
  concatBytes(...recordsOf(readings).filter((r) => r.direction === dir && r.contentTypeName === 'application_data' && r.plaintext).map((r) => r.plaintext!));
/** Splits every chunk into pieces of `size` bytes, as a small MSS would. */
const resegment = (chunks: readonly StreamChunk[], size: number): StreamChunk[] =>
  chunks.flatMap((c) => Array.from({ length: Math.ceil(c.bytes.length / size) }, (_, i) => ({ direction: c.direction, bytes: c.bytes.subarray(i * size, (i + 1) * size) })));
/** Index of the chunk that carries the first c2s application-data record, and that record's offset in it. */
function firstAppData(chunks: readonly StreamChunk[], dir: 'c2s' | 's2c'): { chunk: number; offset: number } {
  const readings = decodeConnection(chunks, empty);
  for (const r of readings) for (const rec of r.records) if (rec.direction === dir && rec.contentTypeName === 'application_data') return { chunk: r.chunkIndex, offset: rec.recordOffsetInChunk };
  throw new Error('no application data');
}
const withByteFlipped = (chunks: readonly StreamChunk[], chunk: number, at: number): StreamChunk[] =>
  chunks.map((c, i) => (i === chunk ? { direction: c.direction, bytes: c.bytes.map((b, j) => (j === at ? b ^ 0x01 : b)) } : c));

beforeAll(() => {
  id = makeIdentity();
  ex = runExchange(id, { request: REQUEST, response: RESPONSE });
  expect(ex.errors).toEqual([]);
});

describe('decodeConnection: what an observer can read of a real forge TLS 1.1 session', () => {
  it('with no keys: the handshake before ChangeCipherSpec is cleartext, everything after is opaque', () => {
    const readings = decodeConnection(ex.chunks, empty);
    expect(readings.map((r) => r.chunkIndex)).toEqual(ex.chunks.map((_, i) => i));
    expect(readings.every((r) => r.kind === 'tls')).toBe(true);
    const recs = recordsOf(readings);
    expect(recs[0]!.status).toBe('cleartext');
    expect(detailOf(recs[0]!)).toBe('Handshake: ClientHello (SNI shop.example.com)');
    expect(indexOfBytes(recs[0]!.plaintext!, asciiBytes('shop.example.com'))).toBeGreaterThan(0);
    for (const dir of ['c2s', 's2c'] as const) {
      const mine = recs.filter((r) => r.direction === dir);
      const ccs = mine.findIndex((r) => r.contentTypeName === 'change_cipher_spec');
      expect(ccs).toBeGreaterThan(0);
      expect(mine.slice(0, ccs + 1).every((r) => r.status === 'cleartext')).toBe(true);
      const after = mine.slice(ccs + 1);
      expect(after.map((r) => r.contentTypeName)).toEqual(['handshake', 'application_data', 'alert']);
      for (const r of after) {
        expect(r.status).toBe('opaque');
        expect(r.reason).toEqual(NO_KEY);
        expect(r.plaintext).toBeUndefined();
      }
    }
    for (const r of recs) if (r.plaintext) expect(indexOfBytes(r.plaintext, asciiBytes('GET /cart'))).toBe(-1);
  });

  it("with the session's master secret (an endpoint): both directions decrypt to exactly what was sent", () => {
    const readings = decodeConnection(ex.chunks, endpoint(ex));
    const recs = recordsOf(readings);
    expect(recs.every((r) => r.status !== 'opaque')).toBe(true);
    expect(equalBytes(appData(readings, 'c2s'), asciiBytes(REQUEST))).toBe(true);
    expect(equalBytes(appData(readings, 's2c'), asciiBytes(RESPONSE))).toBe(true);
    const decrypted = recs.filter((r) => r.status === 'decrypted');
    expect(decrypted.map((r) => detailOf(r))).toEqual(expect.arrayContaining(['Handshake: Finished', 'Alert: warning close_notify']));
    expect(decrypted.filter((r) => detailOf(r) === 'Handshake: Finished')).toHaveLength(2);
    for (const r of decrypted) expect(r.reason).toEqual({ code: 'own-session-keys' });
  });

  it("with only the server's RSA private key: decrypts too (RSA key transport, no forward secrecy)", () => {
    const readings = decodeConnection(ex.chunks, { privateKeysPem: [id.keyPem], sessions: [] });
    expect(bytesToText(appData(readings, 'c2s'))).toBe(REQUEST);
    expect(bytesToText(appData(readings, 's2c'))).toBe(RESPONSE);
    const app = recordsOf(readings).find((r) => r.contentTypeName === 'application_data')!;
    expect(app.reason).toEqual({ code: 'holds-private-key' });
  });

  it('with a different RSA key, or secrets of another session: cannot', () => {
    const other: Keyring = {
      privateKeysPem: [id.caKeyPem, 'not a PEM'],
      sessions: [{ clientRandomHex: '00'.repeat(32), masterSecretHex: ex.masterSecretHex }, { clientRandomHex: ex.clientRandomHex, masterSecretHex: 'zz' }],
    };
    const recs = recordsOf(decodeConnection(ex.chunks, other)).filter((r) => r.status !== 'cleartext');
    expect(recs.length).toBe(6);
    for (const r of recs) {
      expect(r.status).toBe('opaque');
      expect(r.reason).toEqual(NO_KEY);
    }
  });

  it('AES-256 sessions decrypt as well', () => {
    const ex256 = runExchange(id, { request: REQUEST, response: RESPONSE, cipherSuite: 'AES256' });
    expect(ex256.errors).toEqual([]);
    const readings = decodeConnection(ex256.chunks, { privateKeysPem: [id.keyPem], sessions: [] });
    expect(bytesToText(appData(readings, 'c2s'))).toBe(REQUEST);
    expect(detailOf(recordsOf(readings)[1]!)).toMatch(/TLS_RSA_WITH_AES_256_CBC_SHA/);
  });

  it('a flipped ciphertext byte makes that record opaque (MAC), the others still decode', () => {
    const { chunk, offset } = firstAppData(ex.chunks, 'c2s');
    for (const at of [offset + 5 + 3 /* explicit IV */, offset + 5 + 40 /* body */, ex.chunks[chunk]!.bytes.length - 1 /* padding */]) {
      const tampered = withByteFlipped(ex.chunks, chunk, at);
      let readings: ChunkReading[] = [];
      expect(() => { readings = decodeConnection(tampered, endpoint(ex)); }).not.toThrow();
      const recs = recordsOf(readings);
      const bad = recs.filter((r) => r.status === 'opaque');
      expect(bad).toHaveLength(1);
      expect(bad[0]!.contentTypeName).toBe('application_data');
      expect(bad[0]!.direction).toBe('c2s');
      expect(bad[0]!.reason.code).toBe('mac-check-failed');
      expect(bytesToText(appData(readings, 's2c'))).toBe(RESPONSE);
      // TLS 1.1's explicit IV means the next record in the same direction is unaffected.
      expect(recs.filter((r) => r.direction === 'c2s').at(-1)!.status).toBe('decrypted');
    }
  });

  it('records split across chunks are reported, decrypted, in the chunk holding their last byte', () => {
    const chunks = resegment(ex.chunks, 37);
    const readings = decodeConnection(chunks, endpoint(ex));
    expect(readings).toHaveLength(chunks.length);
    expect(bytesToText(appData(readings, 'c2s'))).toBe(REQUEST);
    expect(bytesToText(appData(readings, 's2c'))).toBe(RESPONSE);
    const whole = recordsOf(decodeConnection(ex.chunks, endpoint(ex)));
    const split = recordsOf(readings);
    expect(split.map((r) => [r.direction, r.contentTypeName, r.status, r.recordLength])).toEqual(whole.map((r) => [r.direction, r.contentTypeName, r.status, r.recordLength]));
    for (const r of readings) {
      for (const rec of r.records) {
        expect(rec.startChunkIndex).toBeLessThanOrEqual(r.chunkIndex);
        expect(rec.recordOffsetInChunk + rec.recordLength).toBeLessThanOrEqual(chunks[r.chunkIndex]!.bytes.length);
        expect(rec.recordOffsetInChunk + rec.recordLength).toBeGreaterThan(0);
      }
    }
    expect(readings.some((r) => r.records.length === 0 && r.note?.code === 'record-continues')).toBe(true);
  });

  it('truncated streams, garbage and cleartext streams never throw', () => {
    const cut = ex.chunks.slice(0, -2).concat({ direction: ex.chunks.at(-2)!.direction, bytes: ex.chunks.at(-2)!.bytes.subarray(0, 9) });
    const truncated = decodeConnection(cut, endpoint(ex));
    expect(truncated.at(-1)!.note?.code).toBe('stream-ends-in-record');
    let seed = 7;
    const garbage = Uint8Array.from({ length: 300 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 0xff);
    const afterGarbage = decodeConnection([...ex.chunks.slice(0, 4), { direction: 'c2s', bytes: Uint8Array.of(0x99, ...garbage) }, ...ex.chunks.slice(4)], endpoint(ex));
    expect(afterGarbage[4]!.kind).toBe('unknown');
    expect(afterGarbage[4]!.note?.code).toBe('stream-out-of-sync');
    expect(afterGarbage.filter((r) => r.chunkIndex > 4 && ex.chunks[r.chunkIndex - 1]!.direction === 'c2s').every((r) => r.kind === 'unknown')).toBe(true);
    expect(() => decodeConnection([{ direction: 'c2s', bytes: garbage }, { direction: 's2c', bytes: new Uint8Array(0) }], empty)).not.toThrow();
    const http = asciiBytes('GET /cart HTTP/1.1\r\nHost: backend\r\n\r\n');
    const plain = decodeConnection([{ direction: 'c2s', bytes: http }, { direction: 's2c', bytes: asciiBytes('HTTP/1.1 200 OK\r\n\r\n') }], empty);
    expect(plain[0]).toMatchObject({ kind: 'cleartext', records: [] });
    expect(equalBytes(plain[0]!.plaintext!, http)).toBe(true);
    expect(decodeConnection([], empty)).toEqual([]);
  });

  it('a garbled pre-master secret is opaque for the key holder, with a reason', () => {
    const readingsOk = decodeConnection(ex.chunks, empty);
    const cke = readingsOk.find((r) => r.records.some((x) => /ClientKeyExchange/.test(detailOf(x))))!;
    const rec = cke.records.find((x) => /ClientKeyExchange/.test(detailOf(x)))!;
    const tampered = withByteFlipped(ex.chunks, cke.chunkIndex, rec.recordOffsetInChunk + 5 + 4 + 2 + 100);
    const recs = recordsOf(decodeConnection(tampered, { privateKeysPem: [id.keyPem], sessions: [] })).filter((r) => r.status !== 'cleartext');
    expect(recs.length).toBe(6);
    for (const r of recs) {
      expect(r.status).toBe('opaque');
      expect(r.reason.code).toBe('pre-master-secret-rejected');
    }
  });

  it('a PROXY protocol header before the TLS bytes is cleartext and does not hide the TLS', () => {
    const proxy = asciiBytes('PROXY TCP4 203.0.113.10 198.51.100.1 51234 443\r\n');
    const first = ex.chunks[0]!;
    const chunks = [{ direction: first.direction, bytes: concatBytes(proxy, first.bytes) }, ...ex.chunks.slice(1)];
    const readings = decodeConnection(chunks, endpoint(ex));
    expect(readings[0]!.records.map((r) => [r.contentTypeName, r.status, r.recordOffsetInChunk])).toEqual([['proxy_protocol', 'cleartext', 0], ['handshake', 'cleartext', proxy.length]]);
    expect(bytesToText(appData(readings, 'c2s'))).toBe(REQUEST);
  });

  it('a resumed session: readable with the earlier session secret, not with the RSA key alone', () => {
    const caches = newSessionCaches();
    const first = runExchange(id, { request: REQUEST, response: RESPONSE, sessionCaches: caches });
    const second = runExchange(id, { request: REQUEST, response: RESPONSE, sessionCaches: caches });
    expect(second.errors).toEqual([]);
    expect(second.sessionIdHex).toBe(first.sessionIdHex);
    expect(second.masterSecretHex).toBe(first.masterSecretHex);
    const bySessionId: Keyring = { privateKeysPem: [], sessions: [{ clientRandomHex: first.clientRandomHex, masterSecretHex: first.masterSecretHex, sessionIdHex: first.sessionIdHex }] };
    expect(bytesToText(appData(decodeConnection(second.chunks, bySessionId), 's2c'))).toBe(RESPONSE);
    expect(bytesToText(appData(decodeConnection(second.chunks, endpoint(second)), 'c2s'))).toBe(REQUEST);
    const rsaOnly = recordsOf(decodeConnection(second.chunks, { privateKeysPem: [id.keyPem], sessions: [] })).filter((r) => r.status !== 'cleartext');
    expect(rsaOnly.length).toBe(6);
    expect(recordsOf(decodeConnection(second.chunks, empty)).some((r) => /Certificate|ClientKeyExchange/.test(detailOf(r)))).toBe(false);
    expect(rsaOnly.every((r) => r.status === 'opaque' && r.reason.code === 'resumed-session-unknown')).toBe(true);
    expect(bytesToText(appData(decodeConnection(first.chunks, { privateKeysPem: [id.keyPem], sessions: [] }), 'c2s'))).toBe(REQUEST);
  });

  it('TLS 1.0 (implicit IVs chained across records) decodes too; tampering then also breaks the next record', () => {
    const ex10 = runExchange(id, { request: REQUEST, response: RESPONSE, clientOffersTls10: true });
    expect(ex10.errors).toEqual([]);
    const readings = decodeConnection(resegment(ex10.chunks, 50), { privateKeysPem: [id.keyPem], sessions: [] });
    expect(detailOf(recordsOf(readings)[1]!)).toMatch(/TLS 1\.0 \(0x0301\)/);
    expect(bytesToText(appData(readings, 'c2s'))).toBe(REQUEST);
    expect(bytesToText(appData(readings, 's2c'))).toBe(RESPONSE);
    const { chunk, offset } = firstAppData(ex10.chunks, 'c2s');
    const c2sAfterFlip = (at: number) => recordsOf(decodeConnection(withByteFlipped(ex10.chunks, chunk, at), endpoint(ex10))).filter((r) => r.direction === 'c2s');
    // A middle block: only this record breaks. The last block is the next record's IV: that one breaks too.
    expect(c2sAfterFlip(offset + 5 + 20).slice(-2).map((r) => r.status)).toEqual(['opaque', 'decrypted']);
    const recs = c2sAfterFlip(ex10.chunks[chunk]!.bytes.length - 1);
    expect(recs.slice(-2).map((r) => r.status)).toEqual(['opaque', 'opaque']);
    expect(recs.at(-2)!.reason.code).toBe('mac-check-failed');
  });
});
