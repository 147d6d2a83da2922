/**
 * The load balancer's own ClientHello reader: what HAProxy `req.ssl_sni` and nginx `ssl_preread` do before a
 * passthrough LB picks a backend. It reads the plaintext first flight only (no keys, no node-forge) and never
 * throws: malformed input yields an `error` value whose reason names the offending field.
 *
 * Layouts: TLS record header (RFC 5246 §6.2.1, RFC 8446 §5.1), handshake header and ClientHello
 * (RFC 5246 §7.4.1.2, RFC 8446 §4.1.2), server_name (RFC 6066 §3), ALPN (RFC 7301 §3.1), and the presence of
 * encrypted_client_hello (draft-ietf-tls-esni, type 0xfe0d): with ECH, the server_name read here is the outer,
 * public name, and the real one is inside the extension's sealed payload, which a router without the ECH key cannot open.
 */
import { bytesToText, concatBytes, toHex } from '../core/bytes';

/** Result of peeking at the first bytes of a client's TCP stream. */
export type ClientHelloPeek =
  | {
      status: 'ok';
      /** RFC 6066 host_name exactly as sent (case preserved); null when the client sent no server_name. */
      serverName: string | null;
      /** RFC 7301 protocol names in the client's order; empty when there is no ALPN extension. */
      alpn: string[];
      /** The hello carries encrypted_client_hello (0xfe0d): `serverName` is then only the outer, public name. */
      encryptedClientHello: boolean;
      /** ClientHello.client_version, e.g. "TLS 1.2 (0x0303)" (TLS 1.3 hellos also say 1.2 here, RFC 8446 §4.1.2). */
      legacyVersion: string;
      /** Length field of the first TLS record. */
      recordLength: number;
      /** How many TLS records carried the ClientHello (more than 1 means handshake fragmentation). */
      recordCount: number;
      /** Stream bytes the hello occupied, record headers included. */
      bytesUsed: number;
      bytesNeeded: 0;
    }
  | { status: 'incomplete'; bytesNeeded: number; reason: string }
  | { status: 'error'; reason: string };

/** `reassemble` (default true): wait for more bytes when the buffer ends early, as HAProxy and nginx do. */
export type PeekOptions = { reassemble?: boolean };

const HANDSHAKE = 22;
const CLIENT_HELLO = 1;
/** RFC 5246 §6.2.3: no record may exceed 2^14 + 2048 bytes; anything longer is not TLS. */
const MAX_RECORD = 2 ** 14 + 2048;
const VERSIONS = ['SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3']; // index = minor version byte
const SERVER_NAME = 0;
const ALPN = 16;
/** draft-ietf-tls-esni (ECH) codepoint; the outer hello's extension is public, its payload is HPKE-sealed. */
const ENCRYPTED_CLIENT_HELLO = 0xfe0d;
const EXTENSION_NAMES: Record<number, string> = {
  [SERVER_NAME]: 'server_name', [ALPN]: 'application_layer_protocol_negotiation', [ENCRYPTED_CLIENT_HELLO]: 'encrypted_client_hello',
};

const fail = (reason: string): ClientHelloPeek => ({ status: 'error', reason });
const hex16 = (n: number): string => `0x${n.toString(16).padStart(4, '0')}`;
const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
const HOST_CHAR = /^[A-Za-z0-9.-]$/;
const readUint = (bytes: Uint8Array, at: number, size: number): number =>
  bytes.subarray(at, at + size).reduce((n, b) => n * 256 + b, 0);

/**
 * Reads the ClientHello at the start of `bytes` (everything the LB has buffered from the client so far).
 * The hello may span several TLS records and several TCP segments. With `reassemble: false` the reader models a
 * naive router that decides on the first segment alone, so a short buffer is an error instead of `incomplete`.
 * `bytesNeeded` of an `incomplete` result is a lower bound: exact when the rest arrives in the record already
 * announced, larger if the client starts yet another record.
 */
export function peekClientHello(bytes: Uint8Array, options: PeekOptions = {}): ClientHelloPeek {
  const reassemble = options.reassemble ?? true;
  const short = (bytesNeeded: number, reason: string): ClientHelloPeek =>
    reassemble
      ? { status: 'incomplete', bytesNeeded, reason }
      : fail(`ClientHello truncated: router reads only the first segment (${reason})`);

  const fragments: Uint8Array[] = [];
  let handshake: Uint8Array = new Uint8Array(0);
  let total: number | null = null; // 4-byte handshake header + body, once the header is readable
  let offset = 0;
  let records = 0;
  let firstRecordLength = 0;
  while (total === null || handshake.length < total) {
    const want = total ?? 4;
    const header = bytes.subarray(offset, offset + 5);
    const headerError = checkRecordHeader(header, records, bytes);
    if (headerError !== null) return fail(headerError);
    if (header.length < 5) {
      const have = `have ${header.length} of the 5-byte header of TLS record ${records + 1}`;
      return short(5 - header.length + want - handshake.length, have);
    }
    const length = readUint(header, 3, 2);
    if (records === 0) firstRecordLength = length;
    records++;
    const body = bytes.subarray(offset + 5, offset + 5 + length);
    fragments.push(body);
    handshake = concatBytes(...fragments);
    offset += 5 + body.length;

    // RFC 5246 §7.4: msg_type (1 byte) and a 24-bit length precede the ClientHello body.
    if (handshake.length >= 1 && handshake[0] !== CLIENT_HELLO) {
      return fail(`handshake message type ${handshake[0]} is not ClientHello (1); the client must speak first`);
    }
    if (handshake.length >= 4) total = 4 + readUint(handshake, 1, 3);
    if (body.length < length) {
      const missing = length - body.length;
      const after = (total ?? 4) - (handshake.length + missing);
      const need = missing + (after > 0 ? 5 + after : 0);
      return short(need, `TLS record ${records} announces ${length} bytes but only ${body.length} have arrived`);
    }
  }
  const parsed = parseClientHelloBody(handshake.subarray(4, total));
  if (typeof parsed === 'string') return fail(parsed);
  const sizes = { recordLength: firstRecordLength, recordCount: records, bytesUsed: offset };
  return { status: 'ok', ...parsed, ...sizes, bytesNeeded: 0 };
}

/** Checks whatever part of a record header is present, so garbage is rejected before waiting for more bytes. */
function checkRecordHeader(header: Uint8Array, index: number, stream: Uint8Array): string | null {
  const type = header[0];
  if (type === undefined) return null;
  if (type !== HANDSHAKE) {
    if (index === 0) return describeNonTls(stream);
    // RFC 8446 §5.1: handshake messages must not be interleaved with other record types.
    return `TLS record ${index + 1} has content type ${type}, but the ClientHello is not finished yet`;
  }
  const major = header[1];
  if (major !== undefined && major !== 3) {
    return `TLS record ${index + 1} has version ${major}.${header[2] ?? '?'}; TLS records say 3.x`;
  }
  if (header.length < 5) return null;
  const length = readUint(header, 3, 2);
  // RFC 8446 §5.1: zero-length handshake fragments are forbidden.
  if (length === 0) return `TLS record ${index + 1} has length 0; empty handshake records are not allowed`;
  if (length > MAX_RECORD) return `TLS record ${index + 1} length ${length} exceeds the maximum of ${MAX_RECORD} bytes`;
  return null;
}

/** Explains what a stream that does not start with a handshake record probably is (teaching, not guessing routes). */
function describeNonTls(stream: Uint8Array): string {
  const first = stream[0] ?? 0;
  const text = bytesToText(stream.subarray(0, 24)).split('\r')[0] ?? '';
  if (text.startsWith('PROXY')) {
    return `not TLS: a PROXY protocol v1 line ("${text}"); the sender adds PROXY but this listener does not expect it`;
  }
  if (toHex(stream.subarray(0, 5)) === '0d0a0d0a00') {
    return 'not TLS: the PROXY protocol v2 signature; the sender adds PROXY v2 but this listener does not expect it';
  }
  if (/^[A-Z]{3,7} \S/.test(text)) return `not TLS: plaintext "${text}" (looks like HTTP sent to a TLS port)`;
  if (first & 0x80 && stream[2] === 1) return 'SSL 2.0-compatible ClientHello: it has no extensions, so no SNI';
  const names: Record<number, string> = { 20: 'change_cipher_spec', 21: 'alert', 23: 'application_data' };
  const name = names[first];
  if (name !== undefined) return `TLS record of type ${first} (${name}) where a ClientHello was expected`;
  return `not a TLS handshake record: first byte 0x${hex2(first)} (a ClientHello record starts with 0x16)`;
}

/** Bounds-checked reader over one container; every failure is a message naming the field. */
class Cursor {
  at = 0;
  constructor(
    private readonly buf: Uint8Array,
    private readonly container: string,
  ) {}
  get left(): number {
    return this.buf.length - this.at;
  }
  uint(size: number): number {
    this.at += size;
    return readUint(this.buf, this.at - size, size);
  }
  fixed(field: string, size: number): Uint8Array | string {
    if (this.left < size) return `${field} needs ${size} bytes but only ${this.left} remain in the ${this.container}`;
    this.at += size;
    return this.buf.subarray(this.at - size, this.at);
  }
  /** A vector with a `lengthSize`-byte length prefix (RFC 5246 §4.3). */
  vector(field: string, lengthSize: number): Uint8Array | string {
    if (this.left < lengthSize) return `${field} length is cut off: ${this.left} bytes remain in the ${this.container}`;
    const length = this.uint(lengthSize);
    if (length > this.left) {
      return `${field} length ${length} runs past the end of the ${this.container} (${this.left} bytes left)`;
    }
    return this.fixed(field, length);
  }
  trailing(after: string): string | null {
    return this.left === 0 ? null : `${this.left} unexpected bytes after ${after} in the ${this.container}`;
  }
}

interface HelloFields {
  serverName: string | null;
  alpn: string[];
  encryptedClientHello: boolean;
  legacyVersion: string;
}

/** RFC 5246 §7.4.1.2 / RFC 8446 §4.1.2 ClientHello body; returns an error message on the first inconsistency. */
function parseClientHelloBody(body: Uint8Array): HelloFields | string {
  const c = new Cursor(body, 'ClientHello');
  if (c.left < 2) return `client_version needs 2 bytes but only ${c.left} remain in the ClientHello`;
  const version = c.uint(2);
  if (version >> 8 !== 3) return `client_version ${hex16(version)} is not SSL 3.0 or TLS`;
  const legacyVersion = `${VERSIONS[version & 0xff] ?? 'unknown'} (${hex16(version)})`;
  const random = c.fixed('random', 32);
  if (typeof random === 'string') return random;
  const sessionId = c.vector('session_id', 1);
  if (typeof sessionId === 'string') return sessionId;
  if (sessionId.length > 32) return `session_id length ${sessionId.length} exceeds 32 bytes`;
  const suites = c.vector('cipher_suites', 2);
  if (typeof suites === 'string') return suites;
  if (suites.length < 2 || suites.length % 2) return `cipher_suites length ${suites.length} is odd or below 2`;
  const compression = c.vector('compression_methods', 1);
  if (typeof compression === 'string') return compression;
  if (compression.length < 1) return 'compression_methods is empty; at least the null method (0) is required';

  const fields: HelloFields = { serverName: null, alpn: [], encryptedClientHello: false, legacyVersion };
  if (c.left === 0) return fields; // extensions are optional (RFC 5246 §7.4.1.2)
  const block = c.vector('extensions', 2);
  if (typeof block === 'string') return block;
  const extra = c.trailing('the extensions');
  if (extra !== null) return extra;
  const e = new Cursor(block, 'extensions block');
  const seen = new Set<number>();
  while (e.left > 0) {
    if (e.left < 4) return `extension header is cut off: ${e.left} bytes remain in the extensions block`;
    const type = e.uint(2);
    const name = `extension ${hex16(type)}${EXTENSION_NAMES[type] ? ` (${EXTENSION_NAMES[type]})` : ''}`;
    const data = e.vector(name, 2);
    if (typeof data === 'string') return data;
    // RFC 5246 §7.4.1.4 / RFC 8446 §4.2: at most one extension of each type.
    if (seen.has(type)) return `${name} appears twice`;
    seen.add(type);
    if (type === SERVER_NAME) {
      const host = parseServerName(data);
      if (host !== null && typeof host === 'object') return host.error;
      fields.serverName = host;
    } else if (type === ALPN) {
      const alpn = parseAlpn(data);
      if (!Array.isArray(alpn)) return alpn.error;
      fields.alpn = alpn;
    } else if (type === ENCRYPTED_CLIENT_HELLO) {
      // Only its presence matters to a router: the inner hello, real SNI included, is sealed to the ECH key.
      if (data.length === 0) return `${name} is empty; an outer ECH extension carries at least its type and cipher suite`;
      fields.encryptedClientHello = true;
    }
  }
  return fields;
}

/** RFC 6066 §3: ServerNameList of (name_type, HostName); only host_name (0) is defined, at most one per type. */
function parseServerName(data: Uint8Array): string | null | { error: string } {
  const c = new Cursor(data, 'server_name extension');
  const list = c.vector('server_name_list', 2);
  if (typeof list === 'string') return { error: list };
  const extra = c.trailing('server_name_list');
  if (extra !== null) return { error: extra };
  if (list.length === 0) return { error: 'server_name_list is empty' };
  const l = new Cursor(list, 'server_name_list');
  let host: string | null = null;
  while (l.left > 0) {
    const nameType = l.uint(1);
    const name = l.vector(`server name (name_type ${nameType})`, 2);
    if (typeof name === 'string') return { error: name };
    if (nameType !== 0) continue; // unknown name types share the HostName layout, so they can be skipped
    if (host !== null) return { error: 'server_name_list holds more than one host_name (RFC 6066 §3)' };
    if (name.length === 0) return { error: 'host_name is empty' };
    if (name.length > 255) return { error: `host_name is ${name.length} bytes; a DNS name is at most 255` };
    for (let i = 0; i < name.length; i++) {
      const b = name[i] ?? 0;
      if (!HOST_CHAR.test(String.fromCharCode(b))) {
        return { error: `host_name byte ${i} is 0x${hex2(b)}; only ASCII letters, digits, "-" and "." are allowed` };
      }
    }
    host = bytesToText(name);
  }
  return host; // only unknown name types: there is no host name to route on
}

/** RFC 7301 §3.1: ProtocolNameList of non-empty opaque names. */
function parseAlpn(data: Uint8Array): string[] | { error: string } {
  const c = new Cursor(data, 'ALPN extension');
  const list = c.vector('protocol_name_list', 2);
  if (typeof list === 'string') return { error: list };
  const extra = c.trailing('protocol_name_list');
  if (extra !== null) return { error: extra };
  if (list.length === 0) return { error: 'ALPN protocol_name_list is empty' };
  const l = new Cursor(list, 'protocol_name_list');
  const names: string[] = [];
  while (l.left > 0) {
    const name = l.vector('ALPN protocol name', 1);
    if (typeof name === 'string') return { error: name };
    if (name.length === 0) return { error: 'ALPN protocol name is empty (RFC 7301 §3.1 forbids empty names)' };
    names.push(bytesToText(name));
  }
  return names;
}
