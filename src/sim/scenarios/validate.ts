/**
 * Checks run inputs that come from outside the engine (the request editor, URL parameters, postMessage): unknown
 * or malformed values are dropped with a message naming them, sizes are bounded, and nothing is ever evaluated.
 */
import { DEFAULT_OPTIONS, TLS_PROTOCOLS, type RunOptions, type ScriptedRequest } from './types';

export interface Checked<T> {
  readonly value: T;
  /** One line per thing that was ignored or cut, for a visible notice. */
  readonly problems: readonly string[];
}

export const LIMITS = { requests: 20, method: 16, path: 2048, headers: 30, headerName: 64, headerValue: 4096, body: 65536 } as const;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const CHOICES: Partial<Record<keyof RunOptions, readonly string[]>> = {
  protocol: TLS_PROTOCOLS,
  algorithm: ['round-robin', 'least-connections', 'source-ip-hash'],
  proxyProtocol: ['off', 'v1', 'v2'],
  backendProxyProtocol: ['same', 'off', 'v1', 'v2'],
};

/** Keeps only known option keys whose values have the default's type (and, for choices, an allowed value). */
export function checkOptions(input: unknown): Checked<Partial<RunOptions>> {
  const problems: string[] = [];
  const value: Record<string, unknown> = {};
  if (input === undefined || input === null) return { value, problems };
  if (typeof input !== 'object' || Array.isArray(input)) return { value, problems: ['options: not an object, ignored'] };
  for (const [key, raw] of Object.entries(input)) {
    if (!(key in DEFAULT_OPTIONS)) {
      problems.push(`option "${key.slice(0, 40)}": unknown, ignored`);
      continue;
    }
    const k = key as keyof RunOptions;
    const expected = typeof DEFAULT_OPTIONS[k];
    const choices = CHOICES[k];
    const ok = typeof raw === expected && (!choices || choices.includes(raw as string)) && (expected !== 'number' || (Number.isInteger(raw) && (raw as number) >= 0 && (raw as number) <= 999));
    if (ok) value[k] = raw;
    else problems.push(`option "${k}": invalid value, ignored`);
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
    if (!TOKEN.test(method) || method.length > LIMITS.method) return void problems.push(`request ${i + 1}: method must be a word like GET or POST`);
    if (!path.startsWith('/') || path.length > LIMITS.path || /[\s\u0000-\u001f\u007f]/.test(path)) {
      return void problems.push(`request ${i + 1}: path must start with / and contain no spaces or control characters`);
    }
    const headers: [string, string][] = [];
    for (const h of Array.isArray(r.headers) ? r.headers.slice(0, LIMITS.headers) : []) {
      const [name, val] = Array.isArray(h) ? h : [];
      if (typeof name !== 'string' || !TOKEN.test(name) || name.length > LIMITS.headerName || typeof val !== 'string' || val.length > LIMITS.headerValue || /[\r\n\u0000]/.test(val)) {
        problems.push(`request ${i + 1}: a header was not a valid "Name: value" line and was dropped`);
        continue;
      }
      headers.push([name, val]);
    }
    const body = typeof r.body === 'string' ? r.body.slice(0, LIMITS.body) : undefined;
    if (typeof r.body === 'string' && r.body.length > LIMITS.body) problems.push(`request ${i + 1}: body cut to ${LIMITS.body} characters`);
    const purpose = typeof r.purpose === 'string' && r.purpose.length <= 200 ? r.purpose : 'your edited request';
    value.push({ method, path, purpose, ...(headers.length ? { headers } : {}), ...(body !== undefined ? { body } : {}) });
  });
  if (input.length > LIMITS.requests) problems.push(`only the first ${LIMITS.requests} requests are kept`);
  return { value, problems };
}
