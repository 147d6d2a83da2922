/**
 * Splits an HTTP request into the values a CRS-style WAF inspects (ModSecurity variables REQUEST_FILENAME,
 * ARGS_GET, ARGS_POST, REQUEST_BODY, REQUEST_COOKIES, REQUEST_HEADERS:User-Agent|Referer), each with the text
 * as sent and the text after the request parser's own decoding.
 */
import { bytesToText } from '../../core/bytes';
import type { HttpRequest } from '../../http/types';
import { identity, urlDecode } from './transforms';
import type { MappedText } from './transforms';
import type { TargetKind } from './types';

/** One inspected value. `decoded` maps back into `raw`. */
export interface Target {
  readonly kind: TargetKind;
  readonly location: string;
  readonly raw: string;
  readonly decoded: MappedText;
}

/** Case-insensitive header lookup (RFC 9110 §5.1); a private helper so the WAF depends only on the types. */
export function headerValues(req: HttpRequest, name: string): string[] {
  const lower = name.toLowerCase();
  return req.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v);
}

/** Location labels stay short so the UI can show them in a row. */
function label(name: string): string {
  return name.length > 40 ? `${name.slice(0, 39)}…` : name;
}

/** `a=1&b=2` as sent, with `+` as space (HTML form encoding, also how servers read query strings). */
function formPairs(raw: string, kind: 'query' | 'form'): Target[] {
  const prefix = kind === 'query' ? 'query' : 'body';
  const out: Target[] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = urlDecode(identity(rawName), true).text;
    // Parameter names are attack surface too (CRS ARGS_NAMES): `?<script>=1` must not slip through.
    if (/[^\w.\-[\]]/.test(name)) {
      out.push({ kind, location: `${prefix}-name:${label(name)}`, raw: rawName, decoded: urlDecode(identity(rawName), true) });
    }
    if (rawValue !== '') {
      out.push({ kind, location: `${prefix}:${label(name)}`, raw: rawValue, decoded: urlDecode(identity(rawValue), true) });
    }
  }
  return out;
}

/** Path and query of an origin-form target; an absolute-form target (`http://host/p`) loses its authority. */
function splitTarget(target: string): { path: string; query: string } {
  const noFragment = target.split('#')[0] ?? '';
  const abs = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(noFragment);
  const rest = abs ? noFragment.slice(abs[0].length) : noFragment;
  const q = rest.indexOf('?');
  return q < 0 ? { path: rest, query: '' } : { path: rest.slice(0, q), query: rest.slice(q + 1) };
}

/** Every value the WAF reads from `req`, in CRS variable order. */
export function requestTargets(req: HttpRequest): Target[] {
  const { path, query } = splitTarget(req.target);
  const targets: Target[] = [];
  if (path !== '') targets.push({ kind: 'path', location: 'path', raw: path, decoded: urlDecode(identity(path), false) });
  targets.push(...formPairs(query, 'query'));

  if (req.body.length > 0) {
    const type = (headerValues(req, 'content-type')[0] ?? '').toLowerCase();
    const text = bytesToText(req.body);
    if (type.startsWith('application/x-www-form-urlencoded')) targets.push(...formPairs(text, 'form'));
    else targets.push({ kind: 'body', location: 'body', raw: text, decoded: identity(text) });
  }

  for (const header of headerValues(req, 'cookie')) {
    for (const pair of header.split(';')) {
      const trimmed = pair.trim();
      if (trimmed === '') continue;
      const eq = trimmed.indexOf('=');
      const name = eq < 0 ? trimmed : trimmed.slice(0, eq);
      const value = eq < 0 ? '' : trimmed.slice(eq + 1);
      if (value !== '') targets.push({ kind: 'cookie', location: `cookie:${label(name)}`, raw: value, decoded: identity(value) });
    }
  }

  for (const name of ['user-agent', 'referer']) {
    for (const value of headerValues(req, name)) {
      targets.push({ kind: 'header', location: `header:${name}`, raw: value, decoded: identity(value) });
    }
  }
  return targets;
}
