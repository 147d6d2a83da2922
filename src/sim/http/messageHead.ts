/**
 * Parsing of an HTTP/1.1 message head (start-line + field lines) and the message-length decision of
 * RFC 9112 §6.3. Used by the stream parser; strict on purpose, because every leniency here is a way for two
 * parsers (the load balancer's and the backend's) to disagree about where a message ends — request smuggling.
 */
import type { HeaderList } from './types';
import { getAllHeaders } from './headers';

/** A parse failure with the status a server would answer (400 by default, RFC 9112 §3 / §5). */
export interface HeadError {
  error: string;
  status: number;
}

/** The start-line and fields of one message. */
export type ParsedHead =
  | { kind: 'request'; method: string; target: string; version: 'HTTP/1.1' | 'HTTP/1.0'; headers: HeaderList }
  | { kind: 'response'; status: number; reason: string; version: 'HTTP/1.1' | 'HTTP/1.0'; headers: HeaderList };

/** How the body of a message is delimited (RFC 9112 §6.3). */
export type Framing =
  | { type: 'none' }
  | { type: 'length'; length: number }
  | { type: 'chunked' }
  | { type: 'close' };

/** RFC 9110 §5.6.2 token characters. */
export const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Control characters other than HTAB are invalid in a field value (RFC 9110 §5.5). */
const BAD_VALUE_CHAR = /[\x00-\x08\x0a-\x1f\x7f]/;

function fail(error: string, status = 400): HeadError {
  return { error, status };
}

/** Parses one field line `name: value`. RFC 9112 §5.1 / §5.2 decide every rejection below. */
export function parseFieldLine(line: string): { field: readonly [string, string] } | HeadError {
  if (line.startsWith(' ') || line.startsWith('\t')) {
    return fail('obsolete line folding (a header line starting with whitespace) is rejected, RFC 9112 §5.2');
  }
  const colon = line.indexOf(':');
  if (colon < 0) return fail(`header line without a colon: "${line.slice(0, 60)}"`);
  const name = line.slice(0, colon);
  if (name === '') return fail('header line with an empty field name');
  if (/[ \t]$/.test(name)) {
    return fail(`whitespace between field name "${name.trim()}" and colon is rejected, RFC 9112 §5.1`);
  }
  if (!TOKEN.test(name)) return fail(`invalid character in field name "${name.slice(0, 60)}"`);
  const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
  if (BAD_VALUE_CHAR.test(value)) return fail(`control character in the value of "${name}"`);
  return { field: [name, value] };
}

function parseVersion(text: string): 'HTTP/1.1' | 'HTTP/1.0' | HeadError {
  if (text === 'HTTP/1.1' || text === 'HTTP/1.0') return text;
  if (/^HTTP\/[0-9](\.[0-9])?$/.test(text)) return fail(`unsupported HTTP version "${text}"`, 505);
  return fail(`malformed HTTP version "${text.slice(0, 20)}"`);
}

type StartLine =
  | { kind: 'request'; method: string; target: string; version: 'HTTP/1.1' | 'HTTP/1.0' }
  | { kind: 'response'; status: number; reason: string; version: 'HTTP/1.1' | 'HTTP/1.0' };

function parseStartLine(line: string, kind: 'request' | 'response'): StartLine | HeadError {
  if (kind === 'request') {
    // RFC 9112 §3: method SP request-target SP HTTP-version, single spaces, nothing else.
    const parts = line.split(' ');
    if (parts.length !== 3) return fail(`bad request line: "${line.slice(0, 80)}"`);
    const [method = '', target = '', versionText = ''] = parts;
    if (!TOKEN.test(method)) return fail(`bad request line: invalid method "${method.slice(0, 20)}"`);
    if (!/^[\x21-\x7e]+$/.test(target)) return fail('bad request line: invalid request-target');
    const version = parseVersion(versionText);
    if (typeof version !== 'string') return version;
    return { kind: 'request', method, target, version };
  }
  // RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]; the trailing SP is tolerated when missing.
  const m = /^(HTTP\/[^ ]*) ([0-9]{3})(?: (.*))?$/.exec(line);
  if (!m) return fail(`bad status line: "${line.slice(0, 80)}"`, 502);
  const version = parseVersion(m[1] ?? '');
  if (typeof version !== 'string') return { error: version.error, status: 502 };
  const status = Number(m[2]);
  if (status < 100) return fail(`status code ${status} is out of range`, 502);
  return { kind: 'response', status, reason: m[3] ?? '', version };
}

/**
 * Parses the head text (everything before the empty line, CRLF-separated). Bare CR or LF inside a line are
 * rejected (RFC 9112 §2.2), as are NULs, which some parsers treat as a string end.
 */
export function parseHead(text: string, kind: 'request' | 'response'): ParsedHead | HeadError {
  const lines = text.split('\r\n');
  for (const line of lines) {
    if (line.includes('\r') || line.includes('\n')) return fail('bare CR or LF inside the message head');
    if (line.includes('\0')) return fail('NUL byte inside the message head');
  }
  const start = parseStartLine(lines[0] ?? '', kind);
  if ('error' in start) return start;
  const headers: (readonly [string, string])[] = [];
  for (const line of lines.slice(1)) {
    const parsed = parseFieldLine(line);
    if ('error' in parsed) return kind === 'response' ? { error: parsed.error, status: 502 } : parsed;
    headers.push(parsed.field);
  }
  return { ...start, headers };
}

/**
 * Decides how the body is delimited, per RFC 9112 §6.3, rejecting every ambiguity a smuggling attack relies on:
 * Content-Length together with Transfer-Encoding, several different Content-Length values, a non-numeric length,
 * a transfer coding other than a single final "chunked", and Transfer-Encoding in an HTTP/1.0 message (§6.1).
 */
export function decideFraming(head: ParsedHead, maxBodyBytes: number): Framing | HeadError {
  const badStatus = head.kind === 'request' ? 400 : 502;
  const te = getAllHeaders(head.headers, 'transfer-encoding');
  const cl = getAllHeaders(head.headers, 'content-length');
  if (te.length > 0 && cl.length > 0) {
    return fail(
      'both Content-Length and Transfer-Encoding are present — a request smuggling pattern, rejected (RFC 9112 §6.3)',
      badStatus,
    );
  }
  // RFC 9112 §6.3 rule 1: these responses end at the empty line whatever their fields say.
  if (head.kind === 'response' && (head.status < 200 || head.status === 204 || head.status === 304)) {
    return { type: 'none' };
  }
  if (te.length > 0) {
    if (head.version === 'HTTP/1.0') {
      return fail('Transfer-Encoding in an HTTP/1.0 message means faulty framing (RFC 9112 §6.1)', badStatus);
    }
    const codings = te.join(',').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '');
    if (codings.length === 1 && codings[0] === 'chunked') return { type: 'chunked' };
    if (codings[codings.length - 1] !== 'chunked' && head.kind === 'request') {
      return fail(`Transfer-Encoding "${te.join(', ')}" does not end in chunked (RFC 9112 §6.3 rule 4)`);
    }
    return fail(`unsupported transfer coding "${te.join(', ')}" (only chunked is implemented)`, 501);
  }
  if (cl.length > 0) {
    const values = cl.join(',').split(',').map((v) => v.trim());
    let length: number | undefined;
    for (const v of values) {
      if (!/^[0-9]+$/.test(v)) return fail(`non-numeric Content-Length "${v.slice(0, 30)}"`, badStatus);
      const n = v.length > 15 ? Number.POSITIVE_INFINITY : Number(v);
      // RFC 9110 §8.6 allows a list of identical values; different ones are unrecoverable.
      if (length !== undefined && n !== length) {
        return fail(`conflicting Content-Length values "${values.join(', ')}"`, badStatus);
      }
      length = n;
    }
    if ((length ?? 0) > maxBodyBytes) {
      return fail(`Content-Length ${values[0] ?? ''} exceeds the ${maxBodyBytes}-byte body limit`, 413);
    }
    return { type: 'length', length: length ?? 0 };
  }
  // §6.3 rule 7: a request with neither has no body; rule 8: a response runs until the connection closes.
  return head.kind === 'request' ? { type: 'none' } : { type: 'close' };
}
