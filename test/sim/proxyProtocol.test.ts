import { describe, expect, it } from 'vitest';
import { asciiBytes, bytesToText, concatBytes, fromHex, toHex } from '../../src/sim/core/bytes';
import { encodeProxyV1, encodeProxyV2, isIPv4, parseProxyHeader, PROXY_V2_SIGNATURE } from '../../src/sim/net/proxyProtocol';
import type { ProxyParse } from '../../src/sim/net/proxyProtocol';

const endpoints = { sourceAddress: '203.0.113.10', destinationAddress: '198.51.100.1', sourcePort: 51234, destinationPort: 443 };
const MODES_V1_LINE = 'PROXY TCP4 203.0.113.10 198.51.100.1 51234 443\r\n';
const CLIENT_HELLO_START = fromHex('16 0301 00c8 01 0000c4 0303');

const ok = (r: ProxyParse) => {
  if (r.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
};
const reasonOf = (r: ProxyParse) => (r.status === 'error' || r.status === 'incomplete' ? `${r.status}: ${r.reason}` : `<${r.status}>`);
const v1 = (line: string) => parseProxyHeader(asciiBytes(line));

describe('PROXY v1', () => {
  it('encodes the exact line from MODES.md and parses it back', () => {
    const bytes = encodeProxyV1(endpoints);
    expect(bytesToText(bytes)).toBe(MODES_V1_LINE);
    const r = ok(parseProxyHeader(concatBytes(bytes, CLIENT_HELLO_START)));
    expect(r.length).toBe(MODES_V1_LINE.length); // the TLS bytes that follow are not consumed
    expect(r.header).toEqual({ version: 1, command: 'PROXY', family: 'TCP4', ...endpoints, tlvs: [] });
    expect(r.fields.map((f) => [f.label, f.offset, f.length, f.value])).toEqual([
      ['signature', 0, 5, 'PROXY'],
      ['protocol', 6, 4, 'TCP4'],
      ['source address', 11, 12, '203.0.113.10'],
      ['destination address', 24, 12, '198.51.100.1'],
      ['source port', 37, 5, '51234'],
      ['destination port', 43, 3, '443'],
      ['CRLF', 46, 2, '\\r\\n'],
    ]);
  });

  it('accepts UNKNOWN, short or with fields the receiver must ignore (spec §2.1)', () => {
    expect(ok(v1('PROXY UNKNOWN\r\n'))).toMatchObject({ length: 15, header: { family: 'UNKNOWN', sourceAddress: '', sourcePort: 0 } });
    const long = 'PROXY UNKNOWN ffff:f::1 ffff:f::2 65535 65535\r\n';
    expect(ok(v1(long)).length).toBe(long.length);
  });

  it('every proper prefix of a line is incomplete, including the one ending in CR', () => {
    for (let n = 0; n < MODES_V1_LINE.length; n++) {
      expect(parseProxyHeader(asciiBytes(MODES_V1_LINE.slice(0, n))).status, `prefix ${n}`).toBe('incomplete');
    }
  });

  it('missing CRLF: incomplete while under 107 bytes, an error from 107 on', () => {
    expect(reasonOf(v1('PROXY TCP4 203.0.113.10 198.51.100.1 51234 443'))).toMatch(/^incomplete: .*no CRLF yet/);
    const long = `PROXY UNKNOWN ${'x'.repeat(92)}`;
    expect(long.length).toBe(106);
    expect(v1(long).status).toBe('incomplete');
    expect(reasonOf(v1(`${long}x`))).toMatch(/^error: no CRLF within the first 107 bytes/);
  });

  it('107 bytes with CRLF is the longest legal line; 108 is too long', () => {
    const legal = `PROXY UNKNOWN ${'f'.repeat(91)}\r\n`;
    expect(legal.length).toBe(107);
    expect(ok(v1(legal)).length).toBe(107);
    expect(reasonOf(v1(`PROXY UNKNOWN ${'f'.repeat(92)}\r\n`))).toMatch(/^error: v1 line is longer than 107 bytes/);
  });

  const malformed: [string, string, RegExp][] = [
    ['address out of range', 'PROXY TCP4 999.1.1.1 198.51.100.1 51234 443\r\n', /source address "999.1.1.1": 999 is out of range 0..255/],
    ['port out of range', 'PROXY TCP4 203.0.113.10 198.51.100.1 70000 443\r\n', /source port 70000 is out of range 0..65535/],
    ['leading zero in address', 'PROXY TCP4 203.0.113.010 198.51.100.1 1 443\r\n', /leading zero in "010"/],
    ['leading zero in port', 'PROXY TCP4 203.0.113.10 198.51.100.1 1 0443\r\n', /destination port "0443" has a leading zero/],
    ['junk before address', 'PROXY TCP4 x203.0.113.10 198.51.100.1 1 443\r\n', /not a dotted-quad/],
    ['three octets', 'PROXY TCP4 203.0.113 198.51.100.1 1 443\r\n', /"203.0.113" is not a dotted-quad/],
    ['negative port', 'PROXY TCP4 203.0.113.10 198.51.100.1 -1 443\r\n', /source port "-1" is not a decimal number/],
    ['double space', 'PROXY TCP4  203.0.113.10 198.51.100.1 1 443\r\n', /single spaces/],
    ['missing port', 'PROXY TCP4 203.0.113.10 198.51.100.1 1\r\n', /found 5 fields/],
    ['unknown protocol', 'PROXY UDP4 203.0.113.10 198.51.100.1 1 443\r\n', /"UDP4" is not TCP4, TCP6 or UNKNOWN/],
    ['IPv6 (not modelled)', 'PROXY TCP6 2001:db8::1 2001:db8::2 1 443\r\n', /IPv4 only/],
    ['bare LF', 'PROXY TCP4 203.0.113.10 198.51.100.1 51234 443\n', /bare LF at byte 46/],
    ['CR without LF', 'PROXY TCP4 203.0.113.10 198.51.100.1 51234 443\rX', /CR at byte 46 that is not followed by LF/],
    ['control byte', 'PROXY TCP4 203.0.113.10\t198.51.100.1 51234 443\r\n', /byte 0x09 at offset 23/],
  ];
  it.each(malformed)('%s is an error', (_name, line, reason) => {
    const r = v1(line);
    expect(r.status).toBe('error');
    expect(reasonOf(r)).toMatch(reason);
  });

  it('isIPv4 follows the same canonical rules', () => {
    expect(['0.0.0.0', '255.255.255.255', '203.0.113.10'].every(isIPv4)).toBe(true);
    expect(['256.0.0.1', '1.2.3', '01.2.3.4', ' 1.2.3.4', '1.2.3.4.5', ''].some(isIPv4)).toBe(false);
  });
});

describe('PROXY v2', () => {
  const HEADER_HEX = '0d0a0d0a000d0a515549540a' + '21' + '11' + '000c' + 'cb00710a' + 'c6336401' + 'c822' + '01bb';
  const AUTHORITY_HEX = '02' + '0010' + '73686f702e6578616d706c652e636f6d'; // "shop.example.com"
  const SSL_HEX = '20' + '0017' + '07' + '00000000' + '21' + '0007' + '544c5376312e31' + '22' + '0005' + '616c696365';

  const ssl = { verified: true, version: 'TLSv1.1', clientCertCommonName: 'alice' };
  const withTlvs = { ...endpoints, authority: 'shop.example.com', ssl };

  it('encodes signature, 0x21, 0x11, length 12, addresses and ports byte for byte', () => {
    expect(toHex(encodeProxyV2(endpoints))).toBe(HEADER_HEX);
    expect(toHex(PROXY_V2_SIGNATURE, ' ')).toBe('0d 0a 0d 0a 00 0d 0a 51 55 49 54 0a');
  });

  it('encodes AUTHORITY and SSL TLVs (version and CN sub-TLVs) byte for byte', () => {
    const bytes = encodeProxyV2(withTlvs);
    // length = 12 address bytes + 19 AUTHORITY + 26 SSL = 57 = 0x39
    expect(toHex(bytes)).toBe(HEADER_HEX.replace('000c', '0039') + AUTHORITY_HEX + SSL_HEX);
    const noCert = encodeProxyV2({ ...endpoints, ssl: { verified: false } });
    expect(toHex(noCert)).toBe(HEADER_HEX.replace('000c', '0014') + '20' + '0005' + '01' + '00000001');
  });

  it('parses what it encodes: addresses, TLVs, SSL flags and inspector fields', () => {
    const bytes = encodeProxyV2(withTlvs);
    const r = ok(parseProxyHeader(concatBytes(bytes, CLIENT_HELLO_START)));
    expect(r.length).toBe(16 + 57);
    expect(r.header).toMatchObject({ version: 2, command: 'PROXY', family: 'TCP4', ...endpoints });
    const [authority, ssl] = r.header.tlvs;
    expect(authority).toMatchObject({ type: 0x02, typeName: 'PP2_TYPE_AUTHORITY', text: 'shop.example.com' });
    expect(ssl).toMatchObject({ type: 0x20, typeName: 'PP2_TYPE_SSL', ssl: { client: 7, verify: 0, verified: true } });
    expect(ssl?.subTlvs?.map((t) => [t.typeName, t.text])).toEqual([['PP2_SUBTYPE_SSL_VERSION', 'TLSv1.1'], ['PP2_SUBTYPE_SSL_CN', 'alice']]);
    const at = (label: string) => r.fields.find((f) => f.label === label);
    expect(at('signature')).toMatchObject({ offset: 0, length: 12 });
    expect(at('version/command')).toMatchObject({ offset: 12, length: 1, value: '0x21: version 2, PROXY' });
    expect(at('family/protocol')).toMatchObject({ offset: 13, value: '0x11: TCP over IPv4' });
    expect(at('length')).toMatchObject({ offset: 14, length: 2, value: '57' });
    expect(at('source port')).toMatchObject({ offset: 24, length: 2, value: '51234' });
    expect(at('TLV 0x02 (PP2_TYPE_AUTHORITY)')).toMatchObject({ offset: 28, length: 19, value: 'shop.example.com' });
    expect(at('TLV 0x20 (PP2_TYPE_SSL)')).toMatchObject({ offset: 47, length: 26 });
    expect(at('TLV 0x22 (PP2_SUBTYPE_SSL_CN)')).toMatchObject({ offset: 65, length: 8, value: 'alice' });
  });

  it('round-trips a spread of endpoints through both versions', () => {
    for (let i = 0; i < 50; i++) {
      const addresses = { sourceAddress: `${i * 5}.${255 - i}.${i}.1`, destinationAddress: `10.0.${i}.${i * 3}` };
      const e = { ...addresses, sourcePort: i * 1311, destinationPort: 65535 - i };
      expect(ok(parseProxyHeader(encodeProxyV1(e))).header).toMatchObject(e);
      expect(ok(parseProxyHeader(encodeProxyV2({ ...e, authority: `h${i}.example` }))).header).toMatchObject(e);
    }
  });

  it('every proper prefix of a v2 header is incomplete', () => {
    const bytes = encodeProxyV2({ ...endpoints, authority: 'a.example', ssl: { verified: true, clientCertCommonName: 'cn' } });
    for (let n = 0; n < bytes.length; n++) expect(parseProxyHeader(bytes.subarray(0, n)).status, `prefix ${n}`).toBe('incomplete');
    expect(reasonOf(parseProxyHeader(bytes.subarray(0, 20)))).toMatch(/length says \d+ bytes follow the 16-byte header; 4 have arrived/);
  });

  it('LOCAL with UNSPEC, and valid families this lab does not model, fall back to the real endpoints', () => {
    const local = concatBytes(PROXY_V2_SIGNATURE, fromHex('20 00 0000'));
    expect(ok(parseProxyHeader(local))).toMatchObject({ length: 16, header: { command: 'LOCAL', family: 'UNKNOWN', sourceAddress: '' } });
    const tcp6 = concatBytes(PROXY_V2_SIGNATURE, fromHex('21 21 002b'), new Uint8Array(36), fromHex('02 0004 782e696f'));
    const r = ok(parseProxyHeader(concatBytes(tcp6, CLIENT_HELLO_START)));
    expect(r).toMatchObject({ length: tcp6.length, header: { command: 'PROXY', family: 'UNKNOWN', sourcePort: 0, tlvs: [] } });
    expect(r.fields.at(-1)).toMatchObject({ label: 'ignored (addresses and TLVs)', offset: 16, length: 43 });
  });

  const sig = toHex(PROXY_V2_SIGNATURE);
  const malformed: [string, string, RegExp][] = [
    ['version nibble 1', `${sig} 11 11 000c`, /version nibble 1, but PROXY v2 requires 2/],
    ['version nibble 3, seen before the rest arrives', `${sig} 31`, /version nibble 3/],
    ['unassigned command', `${sig} 22 11 000c ${'00'.repeat(12)}`, /command 2 is unassigned/],
    ['undefined family', `${sig} 21 41 0000`, /family\/protocol byte 0x41/],
    ['length too short for IPv4', `${sig} 21 11 0008 ${'00'.repeat(8)}`, /length 8 is too short for the 12-byte TCP over IPv4/],
    [
      'TLV past the header end',
      toHex(encodeProxyV2({ ...endpoints, authority: 'a.example' })).replace(/0009(?=612e)/, '0100'), // length 9 -> 256
      /TLV 0x02 \(PP2_TYPE_AUTHORITY\) length 256 runs past the end of the header \(9 bytes left\)/,
    ],
    ['stray bytes after TLVs', `${sig} 21 11 000e ${'00'.repeat(12)} 0400`, /2 stray bytes at the end of the header/],
    ['SSL TLV too short', `${sig} 21 11 0012 ${'00'.repeat(12)} 20 0003 010000`, /PP2_TYPE_SSL\) value is 3 bytes/],
    [
      'sub-TLV past the SSL TLV',
      `${sig} 21 11 0017 ${'00'.repeat(12)} 20 0008 01 00000000 22 0009 61`,
      /PP2_SUBTYPE_SSL_CN\) length 9 runs past the end of the SSL TLV/,
    ],
  ];
  it.each(malformed)('%s is an error', (_name, hex, reason) => {
    const r = parseProxyHeader(fromHex(hex));
    expect(r.status).toBe('error');
    expect(reasonOf(r)).toMatch(reason);
  });
});

describe('detection', () => {
  it('says absent for a TLS ClientHello and for plaintext HTTP, so the caller can refuse it', () => {
    expect(parseProxyHeader(CLIENT_HELLO_START)).toEqual({ status: 'absent' });
    expect(parseProxyHeader(asciiBytes('GET / HTTP/1.1\r\nHost: shop.example.com\r\n\r\n'))).toEqual({ status: 'absent' });
    expect(parseProxyHeader(asciiBytes('PROXYTCP4'))).toEqual({ status: 'absent' });
    expect(parseProxyHeader(fromHex('0d0a0d0a01'))).toEqual({ status: 'absent' });
  });

  it('an empty buffer or the start of a signature is incomplete, not absent', () => {
    expect(parseProxyHeader(new Uint8Array(0)).status).toBe('incomplete');
    expect(parseProxyHeader(asciiBytes('PRO')).status).toBe('incomplete');
    expect(parseProxyHeader(fromHex('0d0a0d')).status).toBe('incomplete');
  });

  it('seeded garbage, alone or after a signature, never throws', () => {
    const heads = [new Uint8Array(0), asciiBytes('PROXY '), asciiBytes('PROXY TCP4 '), concatBytes(PROXY_V2_SIGNATURE, fromHex('21 11'))];
    let state = 7;
    const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) >>> 24;
    for (let i = 0; i < 600; i++) {
      const tail = Uint8Array.from({ length: next() % 80 }, next);
      const head = heads[i % heads.length] ?? new Uint8Array(0);
      const r = parseProxyHeader(concatBytes(head, tail));
      expect(['ok', 'absent', 'incomplete', 'error']).toContain(r.status);
    }
  });
});
