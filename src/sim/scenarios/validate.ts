/**
 * Checks run inputs that come from outside the engine (the request editor, URL parameters, postMessage): unknown
 * or malformed values are dropped with a message naming them, sizes are bounded, and nothing is ever evaluated.
 * The rules themselves (what a method, a path, a header or an option value may be) are exported once here, so the
 * trainer's file validator (src/sim/authoring) applies the very same ones and reports them as typed problems.
 */
import { DEFAULT_OPTIONS, TLS_PROTOCOLS, type RunOptions, type ScriptedRequest } from './types';

export interface Checked<T> {
  readonly value: T;
  /** One line per thing that was ignored or cut, for a visible notice. */
  readonly problems: readonly string[];
}

export const LIMITS = { requests: 20, method: 16, path: 2048, headers: 30, headerName: 64, headerValue: 4096, body: 65536, purpose: 200, optionNumber: 999 } as const;

/** An HTTP token (RFC 9110 section 5.6.2): what a method and a header name are made of. */
export const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The allowed values of the options that are choices; every other option is a boolean or a whole number. */
export const OPTION_CHOICES: Partial<Record<keyof RunOptions, readonly string[]>> = {
  protocol: TLS_PROTOCOLS,
  algorithm: ['round-robin', 'least-connections', 'source-ip-hash'],
  proxyProtocol: ['off', 'v1', 'v2'],
  backendProxyProtocol: ['same', 'off', 'v1', 'v2'],
};

export const isOptionKey = (key: string): key is keyof RunOptions => Object.hasOwn(DEFAULT_OPTIONS, key);

/** The JSON type an option's value must have: the default's. */
export const optionType = (key: keyof RunOptions): 'string' | 'boolean' | 'number' => typeof DEFAULT_OPTIONS[key] as 'string' | 'boolean' | 'number';

/** A value an option accepts: the default's type, an allowed choice, a whole number 0..999. */
export function isOptionValue(key: keyof RunOptions, raw: unknown): boolean {
  const choices = OPTION_CHOICES[key];
  if (typeof raw !== optionType(key)) return false;
  if (choices) return choices.includes(raw as string);
  return typeof raw !== 'number' || (Number.isInteger(raw) && raw >= 0 && raw <= LIMITS.optionNumber);
}

/** A method the client can put on a request line (any token; the trainer's file narrows it to the usual ones). */
export const isMethod = (method: string): boolean => HTTP_TOKEN.test(method) && method.length <= LIMITS.method;

/** A request target the client can send: origin-form, no whitespace or control characters, bounded. */
export const isRequestPath = (path: string): boolean => path.startsWith('/') && path.length <= LIMITS.path && !/[\s\u0000-\u001f\u007f]/.test(path);

export const isHeaderName = (name: string): boolean => HTTP_TOKEN.test(name) && name.length <= LIMITS.headerName;

/** A field value (RFC 9110 section 5.5): visible characters, spaces and tabs; never CR or LF, which would split the header. */
export const isHeaderValue = (value: string): boolean => value.length <= LIMITS.headerValue && !/[\u0000-\u0008\u000a-\u001f\u007f]/.test(value);

/** Keeps only known option keys whose values have the default's type (and, for choices, an allowed value). */
export function checkOptions(input: unknown): Checked<Partial<RunOptions>> {
  const problems: string[] = [];
  const value: Record<string, unknown> = {};
  if (input === undefined || input === null) return { value, problems };
  if (typeof input !== 'object' || Array.isArray(input)) return { value, problems: ['options: not an object, ignored'] };
  for (const [key, raw] of Object.entries(input)) {
    if (!isOptionKey(key)) {
      problems.push(`option "${key.slice(0, 40)}": unknown, ignored`);
      continue;
    }
    if (isOptionValue(key, raw)) value[key] = raw;
    else problems.push(`option "${key}": invalid value, ignored`);
  }
  return { value: value as Partial<RunOptions>, problems };
}

/** Bounds and cleans edited requests; a request that cannot be sent as HTTP/1.1 is dropped with a reason. */
export function checkRequests(input: unknown): Checked<ScriptedRequest[]> {
  const problems: string[] = [];
  if (!Array.isArray(input)) return { value: [], problems: ['requests: not a list, ignored'] };
  const value: ScriptedRequest[] = [];
  input.slice(0, LIMITS.requests).forEach((raw: unknown, i) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const method = typeof r.method === 'string' ? r.method.toUpperCase() : '';
    const path = typeof r.path === 'string' ? r.path : '';
    if (!isMethod(method)) return void problems.push(`request ${i + 1}: method must be a word like GET or POST`);
    if (!isRequestPath(path)) return void problems.push(`request ${i + 1}: path must start with / and contain no spaces or control characters`);
    const headers: [string, string][] = [];
    for (const h of Array.isArray(r.headers) ? r.headers.slice(0, LIMITS.headers) : []) {
      const [name, val] = Array.isArray(h) ? h : [];
      if (typeof name !== 'string' || !isHeaderName(name) || typeof val !== 'string' || !isHeaderValue(val)) {
        problems.push(`request ${i + 1}: a header was not a valid "Name: value" line and was dropped`);
        continue;
      }
      headers.push([name, val]);
    }
    const body = typeof r.body === 'string' ? r.body.slice(0, LIMITS.body) : undefined;
    if (typeof r.body === 'string' && r.body.length > LIMITS.body) problems.push(`request ${i + 1}: body cut to ${LIMITS.body} characters`);
    const purpose = typeof r.purpose === 'string' && r.purpose.length <= LIMITS.purpose ? r.purpose : 'your edited request';
    value.push({ method, path, purpose, ...(headers.length ? { headers } : {}), ...(body !== undefined ? { body } : {}) });
  });
  if (input.length > LIMITS.requests) problems.push(`only the first ${LIMITS.requests} requests are kept`);
  return { value, problems };
}
