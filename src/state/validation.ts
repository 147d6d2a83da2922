/**
 * What the page sends to the engine worker is checked here first: options are limited to the engine's own keys
 * with values of the right type, and edited requests to what HTTP/1.1 allows on a request line and in a header
 * field (RFC 9112 §3, RFC 9110 §5.5). Nothing the learner typed reaches the worker unchecked.
 */
import { DEFAULT_OPTIONS, TLS_PROTOCOLS, type RunOptions, type ScriptedRequest } from '../sim/index';

/** The allowed values of the options that are a choice, not a switch. */
export const OPTION_CHOICES: Readonly<Record<string, readonly string[]>> = {
  protocol: TLS_PROTOCOLS,
  algorithm: ['round-robin', 'least-connections', 'source-ip-hash'],
  proxyProtocol: ['off', 'v1', 'v2'],
  backendProxyProtocol: ['same', 'off', 'v1', 'v2'],
};

const MAX_NUMBER_OPTION = 1000;

/** Keeps only known option keys whose value has the default's type (and, for choices, an allowed value). */
export function sanitizeOptions(options: Readonly<Record<string, unknown>>): Partial<RunOptions> {
  const defaults = DEFAULT_OPTIONS as unknown as Readonly<Record<string, unknown>>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!Object.prototype.hasOwnProperty.call(defaults, key)) continue;
    const expected = typeof defaults[key];
    if (typeof value !== expected) continue;
    const choices = OPTION_CHOICES[key];
    if (choices && !choices.includes(value as string)) continue;
    if (typeof value === 'number' && (!Number.isInteger(value) || value < 0 || value > MAX_NUMBER_OPTION)) continue;
    out[key] = value;
  }
  return out as Partial<RunOptions>;
}

export interface RequestDraft {
  readonly method: string;
  readonly path: string;
  /** One "Name: value" per line. */
  readonly headers: string;
  readonly body: string;
}

export const LIMITS = { path: 2000, headerValue: 1000, headers: 20, body: 4096 } as const;
const METHOD = /^[A-Z]{1,10}$/;
const PATH = /^\/[\x21-\x7e]*$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const FIELD_VALUE = /^[\x20-\x7e\t]*$/;
/** The engine frames the message itself; a learner's copy of these would contradict it. */
const RESERVED = new Set(['host', 'content-length', 'transfer-encoding', 'connection']);

export function draftOf(request: ScriptedRequest): RequestDraft {
  return {
    method: request.method,
    path: request.path,
    headers: (request.headers ?? []).map(([n, v]) => `${n}: ${v}`).join('\n'),
    body: request.body ?? '',
  };
}

export type Checked = { ok: true; request: ScriptedRequest } | { ok: false; errors: string[] };

/** Checks one edited request; `base` supplies what the editor does not change (client, source address, purpose). */
export function checkDraft(draft: RequestDraft, base: ScriptedRequest): Checked {
  const errors: string[] = [];
  const method = draft.method.trim();
  const path = draft.path.trim();
  if (!METHOD.test(method)) errors.push('Method: 1 to 10 capital letters, such as GET or POST.');
  if (!PATH.test(path)) errors.push('Path: starts with "/" and has no spaces or non-ASCII characters (percent-encode them, e.g. %20).');
  else if (path.length > LIMITS.path) errors.push(`Path: at most ${LIMITS.path} characters.`);
  const headers: Array<readonly [string, string]> = [];
  const lines = draft.headers.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length > LIMITS.headers) errors.push(`Headers: at most ${LIMITS.headers}.`);
  lines.forEach((line, i) => {
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    if (!TOKEN.test(name)) errors.push(`Header line ${i + 1}: write "Name: value"; the name has letters, digits and - only.`);
    else if (RESERVED.has(name.toLowerCase())) errors.push(`Header line ${i + 1}: ${name} is set by the client itself.`);
    else if (!FIELD_VALUE.test(value) || value.length > LIMITS.headerValue) errors.push(`Header line ${i + 1}: the value must be printable ASCII, at most ${LIMITS.headerValue} characters.`);
    else headers.push([name, value]);
  });
  if (draft.body.length > LIMITS.body) errors.push(`Body: at most ${LIMITS.body} characters.`);
  if (draft.body.includes('\0')) errors.push('Body: no NUL characters.');
  if (errors.length > 0) return { ok: false, errors };
  const { body: _body, headers: _headers, ...rest } = base;
  return {
    ok: true,
    request: {
      ...rest, method, path,
      ...(headers.length > 0 ? { headers } : {}),
      ...(draft.body !== '' ? { body: draft.body } : {}),
      purpose: base.purpose.startsWith('your edit') ? base.purpose : `your edited request (was: ${base.purpose})`,
    },
  };
}

/** Re-checks a list of requests before it crosses to the worker. */
export function sanitizeRequests(requests: readonly ScriptedRequest[]): ScriptedRequest[] | null {
  const out: ScriptedRequest[] = [];
  for (const r of requests.slice(0, 50)) {
    const checked = checkDraft(draftOf(r), r);
    if (!checked.ok) return null;
    out.push({ ...checked.request, purpose: r.purpose });
  }
  return out.length > 0 ? out : null;
}
