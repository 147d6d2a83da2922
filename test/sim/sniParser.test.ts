import { describe, expect, it } from 'vitest';
import { asciiBytes, concatBytes, fromHex } from '../../src/sim/core/bytes';
import { peekClientHello } from '../../src/sim/tls/sniParser';
import type { ClientHelloPeek } from '../../src/sim/tls/sniParser';

// ---- A small ClientHello builder (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2), by hand so the test owns every byte ----
const u8 = (n: number) => new Uint8Array([n & 0xff]);
const u16 = (n: number) => new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
const u24 = (n: number) => new Uint8Array([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
const vec1 = (b: Uint8Array) => concatBytes(u8(b.length), b);
const vec2 = (b: Uint8Array) => concatBytes(u16(b.length), b);
const filled = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i) & 0xff);

type Ext = [type: number, data: Uint8Array];
const ext = ([type, data]: Ext) => concatBytes(u16(type), vec2(data));
const sni = (name: string | Uint8Array): Ext => [0, vec2(concatBytes(u8(0), vec2(typeof name === 'string' ? asciiBytes(name) : name)))];
const alpn = (...names: string[]): Ext => [16, vec2(concatBytes(...names.map((n) => vec1(asciiBytes(n)))))];

interface HelloSpec {
  version?: number;
  sessionId?: Uint8Array;
  suites?: number[];
  extensions?: Ext[] | null; // null: no extensions block at all (pre-RFC 3546 hello)
}
function helloBody(spec: HelloSpec = {}): Uint8Array {
  const parts = [
    u16(spec.version ?? 0x0303),
    filled(32),
    vec1(spec.sessionId ?? new Uint8Array(0)),
    vec2(concatBytes(...(spec.suites ?? [0x002f, 0x0035]).map(u16))),
    vec1(new Uint8Array([0])),
  ];
  if (spec.extensions !== null) parts.push(vec2(concatBytes(...(spec.extensions ?? []).map(ext))));
  return concatBytes(...parts);
}
const handshake = (body: Uint8Array, type = 1) => concatBytes(u8(type), u24(body.length), body);
/** Wraps handshake bytes in TLS records carrying at most `fragment` bytes each (handshake fragmentation). */
function records(hs: Uint8Array, fragment = 16384, type = 22): Uint8Array {
  const out: Uint8Array[] = [];
  for (let at = 0; at < hs.length; at += fragment) {
    const piece = hs.subarray(at, at + fragment);
    out.push(concatBytes(u8(type), u16(0x0301), u16(piece.length), piece));
  }
  return concatBytes(...out);
}
const hello = (spec: HelloSpec = {}, fragment?: number) => records(handshake(helloBody(spec)), fragment);

/** Something close to what a current browser sends: GREASE, TLS 1.3 key share, padding, h2 + http/1.1. */
function browserLikeHello(host: string, keyShare = concatBytes(u16(0x001d), vec2(filled(32, 7)))): Uint8Array {
  return hello({
    sessionId: filled(32, 100),
    suites: [0x2a2a, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0x009c, 0x002f],
    extensions: [
      [0x0a0a, new Uint8Array(0)],
      sni(host),
      [0x0017, new Uint8Array(0)],
      [0xff01, u8(0)],
      [0x000a, vec2(concatBytes(u16(0x1a1a), u16(0x001d), u16(0x0017), u16(0x0018)))],
      [0x000b, vec1(u8(0))],
      [0x0023, new Uint8Array(0)],
      alpn('h2', 'http/1.1'),
      [0x0005, fromHex('01 0000 0000')],
      [0x000d, vec2(fromHex('0403 0804 0401 0503 0805 0501 0806 0601'))],
      [0x0012, new Uint8Array(0)],
      [0x0033, vec2(keyShare)],
      [0x002d, vec1(u8(1))],
      [0x002b, vec1(fromHex('3a3a 0304 0303'))],
      [0x001b, vec1(u16(2))],
      [0x1a1a, u8(0)],
      [0x0015, new Uint8Array(40)],
    ],
  });
}

const expectOk = (r: ClientHelloPeek) => {
  if (r.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
};
const reasonOf = (r: ClientHelloPeek) => (r.status === 'error' ? r.reason : `<${r.status}>`);

describe('peekClientHello: well-formed hellos', () => {
  it('reads SNI, ALPN and version from a browser-like hello with many extensions', () => {
    const bytes = browserLikeHello('shop.example.com');
    const r = expectOk(peekClientHello(bytes));
    expect(r.serverName).toBe('shop.example.com');
    expect(r.alpn).toEqual(['h2', 'http/1.1']);
    expect(r.legacyVersion).toBe('TLS 1.2 (0x0303)');
    expect(r.recordLength).toBe(bytes.length - 5);
    expect(r).toMatchObject({ recordCount: 1, bytesUsed: bytes.length, bytesNeeded: 0 });
  });

  it('reports a TLS 1.1 hello like node-forge sends, with the SNI and no ALPN', () => {
    const r = expectOk(peekClientHello(hello({ version: 0x0302, extensions: [sni('api.example.com')] })));
    expect(r).toMatchObject({ serverName: 'api.example.com', alpn: [], legacyVersion: 'TLS 1.1 (0x0302)' });
  });

  it('gives serverName null when there is no server_name extension, or no extensions at all', () => {
    expect(expectOk(peekClientHello(hello({ extensions: [alpn('h2')] }))).serverName).toBeNull();
    expect(expectOk(peekClientHello(hello({ extensions: null })))).toMatchObject({ serverName: null, alpn: [] });
  });

  it('ignores bytes after the hello (the LB may already hold early data)', () => {
    const bytes = concatBytes(hello({ extensions: [sni('a.example')] }), fromHex('17 0303 0005 0102030405'));
    expect(expectOk(peekClientHello(bytes)).serverName).toBe('a.example');
  });

  it('reassembles a hello split across two TLS records, even inside the handshake header', () => {
    const hs = handshake(helloBody({ extensions: [sni('split.example'), alpn('h2')] }));
    for (const cut of [2, 3, 40, hs.length - 1]) {
      const two = concatBytes(records(hs.subarray(0, cut)), records(hs.subarray(cut)));
      const r = expectOk(peekClientHello(two));
      expect(r).toMatchObject({ serverName: 'split.example', alpn: ['h2'], recordCount: 2, recordLength: cut, bytesUsed: two.length });
      expect(expectOk(peekClientHello(two, { reassemble: false })).serverName).toBe('split.example');
    }
  });

  it('reports an encrypted_client_hello (0xfe0d): the SNI read is then the outer, public name', () => {
    // draft-ietf-tls-esni §5 outer ECHClientHello: type 0, HKDF-SHA256, AES-128-GCM, config_id, enc<2>, payload<2>.
    const outer = concatBytes(u8(0), u16(1), u16(1), u8(0x2a), vec2(filled(32, 9)), vec2(filled(272, 40)));
    const r = expectOk(peekClientHello(hello({ extensions: [sni('public.example.com'), alpn('http/1.1'), [0xfe0d, outer]] })));
    expect(r).toMatchObject({ serverName: 'public.example.com', alpn: ['http/1.1'], encryptedClientHello: true });
    expect(expectOk(peekClientHello(browserLikeHello('shop.example.com'))).encryptedClientHello).toBe(false);
    expect(expectOk(peekClientHello(hello({ extensions: null }))).encryptedClientHello).toBe(false);
  });

  it('rejects an empty encrypted_client_hello extension, naming it', () => {
    expect(reasonOf(peekClientHello(hello({ extensions: [sni('a.example'), [0xfe0d, new Uint8Array(0)]] })))).toMatch(/0xfe0d \(encrypted_client_hello\) is empty/);
  });

  it('reassembles a hello fragmented into many 10-byte records', () => {
    const bytes = hello({ extensions: [sni('tiny.example')] }, 10);
    expect(expectOk(peekClientHello(bytes))).toMatchObject({ serverName: 'tiny.example', recordLength: 10 });
  });
});

describe('peekClientHello: truncation and TCP segments', () => {
  it('every prefix is incomplete when reassembling and an error when not, never a throw', () => {
    for (const bytes of [hello({ extensions: [sni('a.example')] }), browserLikeHello('b.example')]) {
      for (let n = 0; n < bytes.length; n++) {
        const prefix = bytes.subarray(0, n);
        const r = peekClientHello(prefix);
        if (r.status !== 'incomplete') throw new Error(`prefix ${n}: ${JSON.stringify(r)}`);
        if (n >= 5) expect(r.bytesNeeded).toBe(bytes.length - n); // exact once the record length is known
        else expect(r.bytesNeeded).toBeGreaterThanOrEqual(5 - n);
        expect(reasonOf(peekClientHello(prefix, { reassemble: false }))).toMatch(/^ClientHello truncated: router reads only the first segment/);
      }
    }
  });

  it('bytesNeeded is a lower bound when the rest comes in further records', () => {
    const bytes = hello({ extensions: [sni('frag.example')] }, 20);
    for (let n = 0; n < bytes.length; n++) {
      const r = peekClientHello(bytes.subarray(0, n));
      if (r.status !== 'incomplete') throw new Error(`prefix ${n}: ${JSON.stringify(r)}`);
      expect(r.bytesNeeded).toBeGreaterThanOrEqual(1);
      expect(r.bytesNeeded).toBeLessThanOrEqual(bytes.length - n);
    }
  });

  it('a post-quantum key share pushes the hello past one 1460-byte segment (ingress-nginx #11424)', () => {
    const mlkem = concatBytes(u16(0x11ec), vec2(filled(1216, 3)), u16(0x001d), vec2(filled(32, 9)));
    const bytes = browserLikeHello('pq.example', mlkem);
    expect(bytes.length).toBeGreaterThan(1460);
    const firstSegment = bytes.subarray(0, 1460);
    expect(peekClientHello(firstSegment)).toMatchObject({ status: 'incomplete', bytesNeeded: bytes.length - 1460 });
    expect(reasonOf(peekClientHello(firstSegment, { reassemble: false }))).toMatch(/router reads only the first segment/);
    expect(expectOk(peekClientHello(bytes)).serverName).toBe('pq.example');
  });
});

describe('peekClientHello: malformed input is an error naming the field', () => {
  const oddSuites = concatBytes(u16(0x0303), filled(32), vec1(new Uint8Array(0)), vec2(filled(3)), vec1(u8(0)));
  const firstPart = records(handshake(helloBody()).subarray(0, 20));
  const cases: [string, Uint8Array, RegExp][] = [
    ['record length over 2^14+2048', fromHex('16 0301 ffff 01'), /record 1 length 65535 exceeds the maximum of 18432/],
    ['empty record', fromHex('16 0301 0000'), /length 0/],
    ['record version 2.0', fromHex('16 0200'), /version 2\.0/],
    ['not a ClientHello (ServerHello type 2)', records(handshake(helloBody(), 2)), /type 2 is not ClientHello/],
    ['alert record first', fromHex('15 0301 0002 0228'), /type 21 \(alert\)/],
    ['session_id longer than 32', hello({ sessionId: filled(33) }), /session_id length 33 exceeds 32/],
    ['odd cipher_suites length', records(handshake(oddSuites)), /cipher_suites length 3 is odd or below 2/],
    ['client_version 2.0', hello({ version: 0x0200 }), /client_version 0x0200/],
    ['duplicate server_name', hello({ extensions: [sni('a.example'), sni('b.example')] }), /server_name\) appears twice/],
    ['host_name with underscore', hello({ extensions: [sni('bad_name.example')] }), /host_name byte 3 is 0x5f/],
    ['host_name with UTF-8', hello({ extensions: [sni(asciiBytes('bücher.example'))] }), /host_name byte 1 is 0xc3/],
    ['host_name of 256 bytes', hello({ extensions: [sni('a'.repeat(256))] }), /host_name is 256 bytes/],
    ['empty host_name', hello({ extensions: [sni('')] }), /host_name is empty/],
    ['empty ALPN name', hello({ extensions: [alpn('h2', '')] }), /ALPN protocol name is empty/],
    ['second record is not handshake', concatBytes(firstPart, fromHex('17 0301 0001 00')), /record 2 has content type 23/],
  ];
  it.each(cases)('%s', (_name, bytes, reason) => {
    expect(reasonOf(peekClientHello(bytes))).toMatch(reason);
  });

  it('cipher_suites length that runs past the end of the ClientHello', () => {
    const body = helloBody({ extensions: null });
    body.set(u16(400), 2 + 32 + 1); // overwrite the cipher_suites length; record and handshake lengths stay right
    expect(reasonOf(peekClientHello(records(handshake(body))))).toBe(
      'cipher_suites length 400 runs past the end of the ClientHello (6 bytes left)',
    );
  });

  it('extension, server_name_list and host_name lengths are checked against their containers', () => {
    const patch = (extensions: Ext[], at: number, value: number) => {
      const body = helloBody({ extensions });
      body.set(u16(value), body.length - at);
      return peekClientHello(records(handshake(body)));
    };
    // From the end: name(9), name length(2), name_type(1), list length(2), extension length(2), type(2), block length(2).
    const one = [sni('a.example')];
    expect(reasonOf(patch(one, 16, 99))).toMatch(/extension 0x0000 \(server_name\) length 99 runs past the end of the extensions block/);
    expect(reasonOf(patch(one, 14, 50))).toMatch(/server_name_list length 50 runs past the end of the server_name extension/);
    expect(reasonOf(patch(one, 11, 10))).toMatch(/server name \(name_type 0\) length 10 runs past the end of the server_name_list/);
    expect(reasonOf(patch(one, 20, 500))).toMatch(/extensions length 500 runs past the end of the ClientHello/);
  });

  it('trailing bytes inside the ClientHello are rejected', () => {
    const body = concatBytes(helloBody({ extensions: [] }), u8(0));
    expect(reasonOf(peekClientHello(records(handshake(body))))).toMatch(/1 unexpected bytes after the extensions/);
  });
});

describe('peekClientHello: things that are not a ClientHello', () => {
  it('explains plaintext HTTP, PROXY v1 and PROXY v2 in the stream', () => {
    expect(reasonOf(peekClientHello(asciiBytes('GET / HTTP/1.1\r\nHost: x\r\n\r\n')))).toMatch(/plaintext "GET \/ HTTP\/1.1".*HTTP/);
    expect(reasonOf(peekClientHello(asciiBytes('PROXY TCP4 203.0.113.10 198.51.100.1 51234 443\r\n')))).toMatch(/PROXY protocol v1/);
    expect(reasonOf(peekClientHello(fromHex('0D0A0D0A000D0A515549540A 21 11 000C')))).toMatch(/PROXY protocol v2/);
    expect(reasonOf(peekClientHello(fromHex('80 2e 01 0002')))).toMatch(/SSL 2\.0/);
  });

  it('seeded random garbage never throws and never parses', () => {
    let state = 0x2545f491;
    const next = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state >>> 24;
    };
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: next() + (i % 7) }, next);
      if (i % 3 === 0 && bytes.length > 2) bytes.set([0x16, 0x03], 0); // make some pass the first checks
      for (const reassemble of [true, false]) {
        const r = peekClientHello(bytes, { reassemble });
        expect(['error', 'incomplete']).toContain(r.status);
        if (r.status !== 'ok') expect(r.reason.length).toBeGreaterThan(10);
      }
    }
  });
});
