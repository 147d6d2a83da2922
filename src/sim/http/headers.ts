/**
 * Header-list operations, cookies and URL-encoded data.
 *
 * Header lists are immutable arrays of [name, value]; every helper returns a new list so the load balancer can
 * show "before" and "after" versions of a request side by side. Names keep their wire case, lookups ignore it
 * (RFC 9110 §5.1: field names are case-insensitive).
 */
import type { HeaderList } from './types';
import { bytesToText } from '../core/bytes';

/** Value of the first field called `name` (case-insensitive), or undefined. */
export function getHeader(headers: HeaderList, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === wanted) return v;
  return undefined;
}

/** Values of every field called `name`, in wire order (order matters for list fields, RFC 9110 §5.3). */
export function getAllHeaders(headers: HeaderList, name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() === wanted).map(([, v]) => v);
}

/**
 * Sets `name` to a single `value`: the first existing field is replaced in place (keeping its position, so a
 * diff view stays readable) and any further fields of that name are dropped; appended when absent.
 */
export function withHeader(headers: HeaderList, name: string, value: string): HeaderList {
  const wanted = name.toLowerCase();
  const out: (readonly [string, string])[] = [];
  let placed = false;
  for (const field of headers) {
    if (field[0].toLowerCase() !== wanted) out.push(field);
    else if (!placed) {
      out.push([name, value]);
      placed = true;
    }
  }
  if (!placed) out.push([name, value]);
  return out;
}

/** Adds a field at the end, keeping existing fields of the same name (e.g. a second `Set-Cookie`). */
export function withAppendedHeader(headers: HeaderList, name: string, value: string): HeaderList {
  return [...headers, [name, value]];
}

/** Removes every field called `name`. */
export function withoutHeader(headers: HeaderList, name: string): HeaderList {
  const wanted = name.toLowerCase();
  return headers.filter(([n]) => n.toLowerCase() !== wanted);
}

/**
 * Parses a `Cookie` header (`a=1; b=2`) into a map. Pairs without `=` are skipped, and when a name repeats the
 * first one wins: RFC 6265 §5.4 orders cookies with longer paths first, so the first is the most specific.
 */
export function parseCookieHeader(value: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (value === undefined) return out;
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || out.has(name)) continue;
    out.set(name, part.slice(eq + 1).trim());
  }
  return out;
}

/** A cookie as set by a server (RFC 6265 §4.1). */
export interface SetCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  httpOnly?: boolean;
  secure?: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Seconds; 0 or negative asks the browser to delete the cookie (RFC 6265 §5.2.2). */
  maxAge?: number;
}

/** Formats a `Set-Cookie` value, attributes in the conventional order. */
export function formatSetCookie(cookie: SetCookie): string {
  const parts = [`${cookie.name}=${cookie.value}`];
  if (cookie.path !== undefined) parts.push(`Path=${cookie.path}`);
  if (cookie.domain !== undefined) parts.push(`Domain=${cookie.domain}`);
  if (cookie.maxAge !== undefined) parts.push(`Max-Age=${Math.trunc(cookie.maxAge)}`);
  if (cookie.httpOnly) parts.push('HttpOnly');
  if (cookie.secure) parts.push('Secure');
  if (cookie.sameSite !== undefined) parts.push(`SameSite=${cookie.sameSite}`);
  return parts.join('; ');
}

/**
 * Parses a `Set-Cookie` value following RFC 6265 §5.2: unknown attributes are ignored, attribute names are
 * case-insensitive, and a name-value pair without `=` or with an empty name makes the whole header invalid.
 */
export function parseSetCookie(value: string): { cookie: SetCookie } | { error: string } {
  const [pair = '', ...attributes] = value.split(';');
  const eq = pair.indexOf('=');
  if (eq < 0) return { error: 'Set-Cookie has no "=" in its name-value pair' };
  const name = pair.slice(0, eq).trim();
  if (name === '') return { error: 'Set-Cookie has an empty cookie name' };
  const cookie: SetCookie = { name, value: pair.slice(eq + 1).trim() };
  for (const attribute of attributes) {
    const aEq = attribute.indexOf('=');
    const key = (aEq < 0 ? attribute : attribute.slice(0, aEq)).trim().toLowerCase();
    const val = aEq < 0 ? '' : attribute.slice(aEq + 1).trim();
    if (key === 'path') cookie.path = val;
    else if (key === 'domain') cookie.domain = val;
    else if (key === 'httponly') cookie.httpOnly = true;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'max-age') {
      // §5.2.2: a Max-Age that is not an optionally-signed integer is ignored.
      if (/^-?[0-9]{1,15}$/.test(val)) cookie.maxAge = Number(val);
    } else if (key === 'samesite') {
      const v = val.toLowerCase();
      if (v === 'strict') cookie.sameSite = 'Strict';
      else if (v === 'lax') cookie.sameSite = 'Lax';
      else if (v === 'none') cookie.sameSite = 'None';
    }
  }
  return { cookie };
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  return -1;
}

const utf8 = new TextEncoder();

/**
 * Percent-decodes `text` (RFC 3986 §2.1) without ever throwing, unlike `decodeURIComponent`: an escape that is
 * not `%` + two hex digits is kept literally, and byte sequences that are not UTF-8 become U+FFFD.
 * With `plusIsSpace`, `+` means a space, as in application/x-www-form-urlencoded (WHATWG URL §5.1).
 */
export function percentDecode(text: string, plusIsSpace = false): string {
  const source = utf8.encode(text);
  const out = new Uint8Array(source.length);
  let n = 0;
  for (let i = 0; i < source.length; i++) {
    const b = source[i] ?? 0;
    if (b === 0x25 && i + 2 < source.length) {
      const hi = hexValue(source[i + 1] ?? 0);
      const lo = hexValue(source[i + 2] ?? 0);
      if (hi >= 0 && lo >= 0) {
        out[n++] = hi * 16 + lo;
        i += 2;
        continue;
      }
    }
    out[n++] = plusIsSpace && b === 0x2b ? 0x20 : b;
  }
  return bytesToText(out.subarray(0, n));
}

/** Splits `a=1&b=2` into decoded pairs; empty segments are skipped, a key without `=` gets the value "". */
function parsePairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const segment of text.split('&')) {
    if (segment === '') continue;
    const eq = segment.indexOf('=');
    const key = eq < 0 ? segment : segment.slice(0, eq);
    const value = eq < 0 ? '' : segment.slice(eq + 1);
    out.push([percentDecode(key, true), percentDecode(value, true)]);
  }
  return out;
}

/**
 * Splits a request-target into its path (left encoded, so routing sees exactly what was sent) and decoded query
 * parameters. A fragment, which a client should never send (RFC 9112 §3.2), is dropped.
 */
export function parseQuery(target: string): { path: string; params: [string, string][] } {
  const hash = target.indexOf('#');
  const clean = hash < 0 ? target : target.slice(0, hash);
  const q = clean.indexOf('?');
  if (q < 0) return { path: clean, params: [] };
  return { path: clean.slice(0, q), params: parsePairs(clean.slice(q + 1)) };
}

/** Parses an application/x-www-form-urlencoded body into decoded pairs, in order. */
export function parseForm(body: Uint8Array | string): [string, string][] {
  return parsePairs(typeof body === 'string' ? body : bytesToText(body));
}

/** First value for `key` in decoded pairs, or undefined. */
export function firstParam(params: readonly (readonly [string, string])[], key: string): string | undefined {
  for (const [k, v] of params) if (k === key) return v;
  return undefined;
}
