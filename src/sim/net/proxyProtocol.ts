/**
 * PROXY protocol v1 (text) and v2 (binary), after HAProxy's doc/proxy-protocol.txt. A passthrough LB cannot add
 * X-Forwarded-For to encrypted bytes, so it prepends this header to tell the backend who the client was.
 * The receiver must be configured to expect it and must not guess (spec §2): `parseProxyHeader` says only what
 * the bytes are ('absent' included); deciding that an absent header is fatal is the caller's job. Never throws.
 */
import { asciiBytes, bytesToText, concatBytes, fromHex, toHex } from '../core/bytes';

/** One TLV of a v2 header (spec §2.2). `text` is set for string-valued types; `subTlvs` and `ssl` for PP2_TYPE_SSL. */
export interface ProxyTlv {
  type: number;
  typeName: string;
  value: Uint8Array;
  text?: string;
  subTlvs?: ProxyTlv[];
  ssl?: ProxySslInfo;
}

/**
 * The fixed part of PP2_TYPE_SSL (spec §2.2.6): `client` bits 0x01 CLIENT_SSL, 0x02 CERT_CONN, 0x04 CERT_SESS;
 * `verify` is 0 when the client presented a certificate that was verified (`verified`).
 */
export interface ProxySslInfo { client: number; verify: number; verified: boolean }

/** The four values both versions carry. */
export interface ProxyEndpoints {
  sourceAddress: string;
  destinationAddress: string;
  sourcePort: number;
  destinationPort: number;
}

/**
 * A parsed header. For LOCAL (v2) and UNKNOWN the receiver must use the real connection endpoints; the addresses
 * are then '' and the ports 0.
 */
export interface ProxyHeader extends ProxyEndpoints {
  version: 1 | 2;
  command: 'PROXY' | 'LOCAL';
  family: 'TCP4' | 'UNKNOWN';
  tlvs: ProxyTlv[];
}

/** A byte range for the packet inspector; `offset` counts from the first byte of the header. */
export interface ProxyField { label: string; offset: number; length: number; value: string }

/** What the first bytes of a connection are, as far as the PROXY protocol is concerned. */
export type ProxyParse =
  | { status: 'ok'; header: ProxyHeader; length: number; fields: ProxyField[] }
  | { status: 'absent' }
  | { status: 'incomplete'; reason: string }
  | { status: 'error'; reason: string };

/** v2 extras: TLV 0x02 AUTHORITY (the SNI) and TLV 0x20 SSL with sub-TLVs 0x21 version and 0x22 client-cert CN. */
export interface ProxyV2Input extends ProxyEndpoints {
  authority?: string;
  ssl?: { clientCertCommonName?: string; verified: boolean; version?: string };
}

/** The 12-byte v2 signature (spec §2.2); it contains a NUL so C string code cannot mistake it for text. */
export const PROXY_V2_SIGNATURE: Uint8Array = fromHex('0D 0A 0D 0A 00 0D 0A 51 55 49 54 0A');
/** Longest legal v1 line including CRLF (spec §2.1: "PROXY UNKNOWN" + two IPv6 addresses + ports). */
export const PROXY_V1_MAX_LENGTH = 107;

const V1_PREFIX = asciiBytes('PROXY ');
const TLV_NAMES: Record<number, string> = {
  0x01: 'PP2_TYPE_ALPN', 0x02: 'PP2_TYPE_AUTHORITY', 0x03: 'PP2_TYPE_CRC32C', 0x04: 'PP2_TYPE_NOOP',
  0x05: 'PP2_TYPE_UNIQUE_ID', 0x20: 'PP2_TYPE_SSL', 0x21: 'PP2_SUBTYPE_SSL_VERSION', 0x22: 'PP2_SUBTYPE_SSL_CN',
  0x23: 'PP2_SUBTYPE_SSL_CIPHER', 0x24: 'PP2_SUBTYPE_SSL_SIG_ALG', 0x25: 'PP2_SUBTYPE_SSL_KEY_ALG',
  0x30: 'PP2_TYPE_NETNS',
};
const TEXT_TLVS = new Set([0x01, 0x02, 0x21, 0x22, 0x23, 0x24, 0x25, 0x30]);
const V1_LABELS = ['signature', 'protocol', 'source address', 'destination address', 'source port', 'destination port'];
const NO_ENDPOINTS = { sourceAddress: '', destinationAddress: '', sourcePort: 0, destinationPort: 0 };
/** Text TLV values are capped so the 16-bit length fields can never overflow (a DNS name or CN is far shorter). */
const MAX_TEXT = 1024;

/** Writes `PROXY TCP4 <src> <dst> <sport> <dport>\r\n` verbatim (no validation, so scenarios can build bad lines). */
export function encodeProxyV1(h: ProxyEndpoints): Uint8Array {
  return asciiBytes(`PROXY TCP4 ${h.sourceAddress} ${h.destinationAddress} ${h.sourcePort} ${h.destinationPort}\r\n`);
}

/**
 * Builds a v2 PROXY/TCP-over-IPv4 header: signature, 0x21, 0x11, length, addresses, ports, then AUTHORITY and SSL
 * TLVs when given. Like HAProxy, a client certificate sets client flags 0x07 (SSL | CERT_CONN | CERT_SESS), none
 * sets 0x01; verify is 0 when `verified`, else 1. Addresses should pass `isIPv4`: invalid octets are stored
 * modulo 256 and ports modulo 65536, as a C sender writing into uint8_t/uint16_t fields would.
 */
export function encodeProxyV2(h: ProxyV2Input): Uint8Array {
  const tlvs: Uint8Array[] = [];
  if (h.authority !== undefined) tlvs.push(tlv(0x02, textValue(h.authority)));
  if (h.ssl) {
    const cn = h.ssl.clientCertCommonName;
    const sub: Uint8Array[] = [];
    if (h.ssl.version !== undefined) sub.push(tlv(0x21, textValue(h.ssl.version)));
    if (cn !== undefined) sub.push(tlv(0x22, textValue(cn)));
    const client = 0x01 | (cn !== undefined ? 0x06 : 0);
    tlvs.push(tlv(0x20, concatBytes(new Uint8Array([client, 0, 0, 0, h.ssl.verified ? 0 : 1]), ...sub)));
  }
  const addresses = [ipv4Bytes(h.sourceAddress), ipv4Bytes(h.destinationAddress)];
  const body = concatBytes(...addresses, u16(h.sourcePort), u16(h.destinationPort), ...tlvs);
  return concatBytes(PROXY_V2_SIGNATURE, new Uint8Array([0x21, 0x11]), u16(body.length), body);
}

/** True for a canonical dotted quad as spec §2.1 requires: four decimal 0..255, no leading zeroes. */
export function isIPv4(text: string): boolean {
  return checkIPv4(text, 'address') === null;
}

/**
 * Reads a PROXY header (v1 or v2) at the start of `bytes`. 'absent' when the bytes cannot be the start of one;
 * 'incomplete' when they are a prefix of one; `length` of 'ok' is the header size to strip before the payload.
 */
export function parseProxyHeader(bytes: Uint8Array): ProxyParse {
  if (bytes.length === 0) return incomplete('no bytes have arrived yet');
  if (startsWithPrefix(bytes, PROXY_V2_SIGNATURE)) {
    const verCmd = bytes[12];
    if (verCmd !== undefined && verCmd >> 4 !== 2) {
      return error(`byte 13 is 0x${hex2(verCmd)}: version nibble ${verCmd >> 4}, but PROXY v2 requires 2`);
    }
    if (bytes.length < 16) return incomplete(`have ${bytes.length} of the 16-byte v2 header`);
    return parseV2(bytes);
  }
  if (startsWithPrefix(bytes, V1_PREFIX)) {
    if (bytes.length < V1_PREFIX.length) return incomplete(`have ${bytes.length} bytes of "PROXY "`);
    return parseV1(bytes);
  }
  return { status: 'absent' };
}

function parseV1(bytes: Uint8Array): ProxyParse {
  // Spec §2.1: wait for CRLF within 107 bytes; a lone CR or LF must not end the line.
  let end = -1;
  for (let i = 0; i < Math.min(bytes.length, PROXY_V1_MAX_LENGTH) && end < 0; i++) {
    const b = bytes[i] ?? 0;
    if (b === 0x0d) {
      if (i + 2 > PROXY_V1_MAX_LENGTH) return error(`v1 line is longer than ${PROXY_V1_MAX_LENGTH} bytes`);
      if (i + 1 >= bytes.length) return incomplete('v1 line ends in CR; waiting for LF');
      if (bytes[i + 1] !== 0x0a) return error(`v1 line has a CR at byte ${i} that is not followed by LF`);
      end = i;
    } else if (b === 0x0a) {
      return error(`v1 line has a bare LF at byte ${i}; the line must end with CRLF`);
    } else if (b < 0x20 || b > 0x7e) {
      return error(`v1 line has byte 0x${hex2(b)} at offset ${i}; only printable US-ASCII is allowed`);
    }
  }
  if (end < 0) {
    if (bytes.length < PROXY_V1_MAX_LENGTH) return incomplete(`have ${bytes.length} bytes of v1 line, no CRLF yet`);
    return error(`no CRLF within the first ${PROXY_V1_MAX_LENGTH} bytes: not a valid v1 line`);
  }
  const tokens = bytesToText(bytes.subarray(0, end)).split(' ');
  const fields: ProxyField[] = [];
  let at = 0;
  for (const [i, token] of tokens.entries()) {
    fields.push({ label: V1_LABELS[i] ?? 'ignored', offset: at, length: token.length, value: token });
    at += token.length + 1;
  }
  fields.push({ label: 'CRLF', offset: end, length: 2, value: '\\r\\n' });
  const proto = tokens[1] ?? '';
  const base = { version: 1 as const, command: 'PROXY' as const, tlvs: [] };
  if (proto === 'UNKNOWN') {
    // Spec §2.1: "the receiver must ignore anything presented before the CRLF" after UNKNOWN.
    const ignored = fields.slice(2, -1).map((f) => ({ ...f, label: 'ignored (UNKNOWN)' }));
    const header = { ...base, family: 'UNKNOWN' as const, ...NO_ENDPOINTS };
    return { status: 'ok', header, length: end + 2, fields: [...fields.slice(0, 2), ...ignored, ...fields.slice(-1)] };
  }
  if (proto === 'TCP6') return error('v1 protocol TCP6 (IPv6) is valid PROXY protocol, but this lab models IPv4 only');
  if (proto !== 'TCP4') return error(`v1 protocol "${proto}" is not TCP4, TCP6 or UNKNOWN`);
  if (tokens.length !== 6 || tokens.includes('')) {
    const shape = '"PROXY TCP4 <src> <dst> <sport> <dport>" with single spaces';
    return error(`v1 TCP4 line needs exactly ${shape}; found ${tokens.length} fields`);
  }
  const [, , src = '', dst = '', sport = '', dport = ''] = tokens;
  const problem =
    checkIPv4(src, 'source address') ??
    checkIPv4(dst, 'destination address') ??
    checkPort(sport, 'source port') ??
    checkPort(dport, 'destination port');
  if (problem !== null) return error(problem);
  const ports = { sourcePort: Number(sport), destinationPort: Number(dport) };
  const header = { ...base, family: 'TCP4' as const, sourceAddress: src, destinationAddress: dst, ...ports };
  return { status: 'ok', header, length: end + 2, fields };
}

function parseV2(bytes: Uint8Array): ProxyParse {
  const verCmd = bytes[12] ?? 0;
  const fam = bytes[13] ?? 0;
  const command = verCmd & 0x0f;
  if (command > 1) return error(`v2 command ${command} is unassigned; only LOCAL (0) and PROXY (1) exist`);
  if (fam >> 4 > 3 || (fam & 0x0f) > 2) return error(`v2 family/protocol byte 0x${hex2(fam)} is undefined`);
  const len = ((bytes[14] ?? 0) << 8) | (bytes[15] ?? 0);
  const total = 16 + len;
  if (bytes.length < total) {
    return incomplete(`v2 length says ${len} bytes follow the 16-byte header; ${bytes.length - 16} have arrived`);
  }
  // Families other than TCP over IPv4 (UNSPEC, IPv6, UDP, UNIX) fall back to UNSPEC, which spec §2.2 allows:
  // the whole block (addresses and any TLVs) is skipped and the receiver uses the real connection endpoints.
  const tcp4 = fam === 0x11;
  if (tcp4 && len < 12) return error(`v2 length ${len} is too short for the 12-byte TCP over IPv4 address block`);
  const cmd = command ? 'PROXY' : 'LOCAL';
  const header: ProxyHeader = { version: 2, command: cmd, family: 'UNKNOWN', ...NO_ENDPOINTS, tlvs: [] };
  const famName = tcp4 ? 'TCP over IPv4' : 'not modelled here, block ignored';
  const fields: ProxyField[] = [
    { label: 'signature', offset: 0, length: 12, value: toHex(PROXY_V2_SIGNATURE, ' ') },
    { label: 'version/command', offset: 12, length: 1, value: `0x${hex2(verCmd)}: version 2, ${header.command}` },
    { label: 'family/protocol', offset: 13, length: 1, value: `0x${hex2(fam)}: ${famName}` },
    { label: 'length', offset: 14, length: 2, value: `${len}` },
  ];
  if (!tcp4) {
    const value = toHex(bytes.subarray(16, total), ' ');
    if (len > 0) fields.push({ label: 'ignored (addresses and TLVs)', offset: 16, length: len, value });
    return { status: 'ok', header, length: total, fields };
  }
  header.family = 'TCP4';
  header.sourceAddress = Array.from(bytes.subarray(16, 20)).join('.');
  header.destinationAddress = Array.from(bytes.subarray(20, 24)).join('.');
  header.sourcePort = ((bytes[24] ?? 0) << 8) | (bytes[25] ?? 0);
  header.destinationPort = ((bytes[26] ?? 0) << 8) | (bytes[27] ?? 0);
  fields.push(
    { label: 'source address', offset: 16, length: 4, value: header.sourceAddress },
    { label: 'destination address', offset: 20, length: 4, value: header.destinationAddress },
    { label: 'source port', offset: 24, length: 2, value: `${header.sourcePort}` },
    { label: 'destination port', offset: 26, length: 2, value: `${header.destinationPort}` },
  );
  const tlvs = parseTlvs(bytes, 28, total, fields, 'header');
  if (typeof tlvs === 'string') return error(tlvs);
  header.tlvs = tlvs;
  return { status: 'ok', header, length: total, fields };
}

/** TLVs in [start, end) (spec §2.2: type, 16-bit big-endian length, value); PP2_TYPE_SSL nests one level. */
type Tlvs = ProxyTlv[] | string;
function parseTlvs(buf: Uint8Array, start: number, end: number, fields: ProxyField[], where: string): Tlvs {
  const out: ProxyTlv[] = [];
  for (let at = start; at < end; ) {
    if (end - at < 3) return `${end - at} stray bytes at the end of the ${where}, too few for a 3-byte TLV header`;
    const type = buf[at] ?? 0;
    const length = ((buf[at + 1] ?? 0) << 8) | (buf[at + 2] ?? 0);
    const typeName = TLV_NAMES[type] ?? (type >= 0xe0 && type <= 0xef ? 'PP2_TYPE_CUSTOM' : 'unknown');
    const name = `TLV 0x${hex2(type)} (${typeName})`;
    const left = end - at - 3;
    if (length > left) return `${name} length ${length} runs past the end of the ${where} (${left} bytes left)`;
    const value = buf.subarray(at + 3, at + 3 + length);
    const item: ProxyTlv = { type, typeName, value };
    if (TEXT_TLVS.has(type)) item.text = bytesToText(value);
    fields.push({ label: name, offset: at, length: 3 + length, value: item.text ?? toHex(value, ' ') });
    if (type === 0x20 && where === 'header') {
      if (length < 5) return `${name} value is ${length} bytes; it needs at least 5 (client flags and verify)`;
      const client = value[0] ?? 0;
      const verify = new DataView(value.buffer, value.byteOffset + 1, 4).getUint32(0);
      item.ssl = { client, verify, verified: verify === 0 };
      const verdict = verify === 0 ? '0 (client certificate verified)' : `${verify} (not verified)`;
      fields.push(
        { label: 'SSL client flags', offset: at + 3, length: 1, value: `0x${hex2(client)}` },
        { label: 'SSL verify', offset: at + 4, length: 4, value: verdict },
      );
      const sub = parseTlvs(buf, at + 8, at + 3 + length, fields, 'SSL TLV');
      if (typeof sub === 'string') return sub;
      item.subTlvs = sub;
    }
    out.push(item);
    at += 3 + length;
  }
  return out;
}

function checkIPv4(text: string, label: string): string | null {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p))) {
    return `${label} "${text}" is not a dotted-quad IPv4 address`;
  }
  for (const p of parts) {
    if (p.length > 1 && p.startsWith('0')) return `${label} "${text}" has a leading zero in "${p}" (reads as octal)`;
    if (Number(p) > 255) return `${label} "${text}": ${p} is out of range 0..255`;
  }
  return null;
}

function checkPort(text: string, label: string): string | null {
  if (!/^\d{1,5}$/.test(text)) return `${label} "${text}" is not a decimal number`;
  if (text.length > 1 && text.startsWith('0')) return `${label} "${text}" has a leading zero (not allowed)`;
  return Number(text) > 65535 ? `${label} ${text} is out of range 0..65535` : null;
}

const error = (reason: string): ProxyParse => ({ status: 'error', reason });
const incomplete = (reason: string): ProxyParse => ({ status: 'incomplete', reason });
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
const u16 = (n: number): Uint8Array => new Uint8Array([(n >> 8) & 0xff, n & 0xff]);
const tlv = (type: number, value: Uint8Array): Uint8Array =>
  concatBytes(new Uint8Array([type]), u16(value.length), value);
const textValue = (text: string): Uint8Array => asciiBytes(text).subarray(0, MAX_TEXT);
const ipv4Bytes = (text: string): Uint8Array =>
  new Uint8Array([0, 1, 2, 3].map((i) => (Number(text.split('.')[i]) || 0) & 0xff));

/** True when `bytes` and `prefix` agree on their common length (a short buffer may still become a match). */
function startsWithPrefix(bytes: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < Math.min(bytes.length, prefix.length); i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}
