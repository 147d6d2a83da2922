/**
 * What a WAF sitting on a layer-4 (passthrough) LB can do with the bytes it forwards: try to read them as
 * HTTP/1.x, and if they are TLS records, say precisely why there is nothing to inspect.
 */
import { bytesToText, toHex } from '../../core/bytes';
import type { HttpRequest } from '../../http/types';
import { inspectRequest } from './inspect';
import type { WafOptions, WafVerdict } from './types';

/** TLS ContentType values, RFC 5246 §6.2.1 (the same in TLS 1.0-1.3). */
const RECORD_TYPES: Readonly<Record<number, string>> = {
  20: 'change_cipher_spec',
  21: 'alert',
  22: 'handshake',
  23: 'application_data',
};

/** HandshakeType values, RFC 5246 §7.4 / RFC 8446 §4. */
const HANDSHAKE_TYPES: Readonly<Record<number, string>> = {
  0: 'hello_request', 1: 'client_hello', 2: 'server_hello', 4: 'new_session_ticket', 8: 'encrypted_extensions',
  11: 'certificate', 12: 'server_key_exchange', 13: 'certificate_request', 14: 'server_hello_done',
  15: 'certificate_verify', 16: 'client_key_exchange', 20: 'finished',
};

/** A TLS record header: type 20-23, then ProtocolVersion major 3, minor 0 (SSL 3.0) to 4 (TLS 1.3 drafts). */
function isTlsHeader(bytes: Uint8Array, at: number): boolean {
  const type = bytes[at] ?? 0;
  return type >= 20 && type <= 23 && bytes[at + 1] === 3 && (bytes[at + 2] ?? 255) <= 4;
}

function describeTls(bytes: Uint8Array): string {
  const type = bytes[0] ?? 0;
  const name = RECORD_TYPES[type] ?? 'unknown';
  const len = bytes.length >= 5 ? ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0) : undefined;
  const size = len === undefined ? 'length not yet received' : `${len} bytes`;

  // Count any further records in the same chunk, so "one chunk, several records" is visible too.
  const more: string[] = [];
  let at = len === undefined ? bytes.length : 5 + len;
  while (at + 5 <= bytes.length && isTlsHeader(bytes, at)) {
    more.push(RECORD_TYPES[bytes[at] ?? 0] ?? 'unknown');
    at += 5 + (((bytes[at + 3] ?? 0) << 8) | (bytes[at + 4] ?? 0));
  }
  const tail = more.length > 0 ? ` (followed by ${more.length} more record(s): ${more.join(', ')})` : '';

  let why: string;
  if (type === 23) {
    why = 'encrypted payload, no HTTP to parse; the WAF holds no key for this session';
  } else if (type === 22) {
    const hs = bytes.length > 5 ? HANDSHAKE_TYPES[bytes[5] ?? 255] : undefined;
    const what = hs ? `, ${hs}` : ', encrypted handshake message';
    why =
      (hs === 'client_hello' ? 'only SNI and ALPN are readable here; ' : '') +
      'handshake messages carry no HTTP, and the requests that follow travel in application_data records ' +
      'encrypted with keys the WAF never sees';
    return `TLS handshake record (type 22, ${size}${what}): ${why}${tail}`;
  } else if (type === 21) {
    why = 'a TLS alert (encrypted once the handshake is done), no HTTP to parse';
  } else {
    why = 'signals that what follows is encrypted; no HTTP to parse';
  }
  return `TLS ${name} record (type ${type}, ${size}): ${why}${tail}`;
}

const REQUEST_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/1\.[01])$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*(.*?)[ \t]*$/;

/** Finds the end of the header block; tolerates bare LF (RFC 9112 §2.2 lets a recipient accept it). */
function headerEnd(bytes: Uint8Array): { end: number; bodyStart: number } {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) return { end: i, bodyStart: i + 2 };
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a && bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) {
      return { end: i, bodyStart: i + 4 };
    }
  }
  return { end: bytes.length, bodyStart: bytes.length };
}

/**
 * Parses an HTTP/1.x request (start line, headers, Content-Length body) leniently; null when the first line is
 * not a request line. A header block cut short is still inspected: a WAF reads what it has.
 */
export function parseRawRequest(bytes: Uint8Array): HttpRequest | null {
  const { end, bodyStart } = headerEnd(bytes);
  const lines = bytesToText(bytes.subarray(0, end)).split(/\r?\n/);
  const start = REQUEST_LINE.exec(lines[0] ?? '');
  if (!start) return null;
  const headers: Array<readonly [string, string]> = [];
  for (const line of lines.slice(1)) {
    const h = HEADER_LINE.exec(line);
    if (h) headers.push([h[1] ?? '', h[2] ?? '']);
  }
  let body = bytes.subarray(bodyStart);
  const cl = headers.find(([n]) => n.toLowerCase() === 'content-length')?.[1];
  if (cl !== undefined && /^\d+$/.test(cl)) body = body.subarray(0, Number(cl));
  return {
    method: start[1] ?? '',
    target: start[2] ?? '',
    version: start[3] === 'HTTP/1.0' ? 'HTTP/1.0' : 'HTTP/1.1',
    headers,
    body,
  };
}

/**
 * What a WAF on a layer-4 (passthrough) LB is handed: raw stream bytes. It tries to read them as HTTP and, for
 * TLS records, explains why it cannot. A plaintext leg (e.g. the LB-to-backend leg after offloading) parses and is
 * inspected like any request.
 */
export function inspectRawBytes(bytes: Uint8Array, opts?: WafOptions): WafVerdict {
  if (bytes.length === 0) return { inspected: false, code: 'no-bytes', reason: 'not HTTP: no bytes received yet' };
  if (isTlsHeader(bytes, 0)) {
    const length = bytes.length >= 5 ? ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0) : -1;
    return { inspected: false, code: 'tls-record', record: { type: RECORD_TYPES[bytes[0] ?? 0] ?? 'unknown', length }, reason: describeTls(bytes) };
  }
  const head = bytesToText(bytes.subarray(0, 24));
  if (head.startsWith('PRI * HTTP/2.0')) {
    return { inspected: false, code: 'http2', reason: 'not HTTP/1.x: HTTP/2 connection preface; binary frames this WAF does not parse' };
  }
  const req = parseRawRequest(bytes);
  if (req) return inspectRequest(req, opts);
  const preview = toHex(bytes.subarray(0, 8), ' ');
  return {
    inspected: false,
    code: 'not-http',
    preview: `${preview}${bytes.length > 8 ? ' …' : ''}`,
    reason: `not HTTP: the first bytes (${preview}${bytes.length > 8 ? ' …' : ''}) are neither a TLS record header nor an HTTP/1.x request line`,
  };
}
