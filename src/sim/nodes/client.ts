/**
 * The browsers: each scripted request comes from a named client with its own cookies and connection, from its
 * own public address. Requests go one after another; a client follows redirects (at most five, then gives up
 * as a browser would) and gives up on a TLS failure.
 */
import { gunzipSync } from 'fflate';
import { bytesToText } from '../core/bytes';
import type { GaveUpReason } from '../core/reasons';
import { getAllHeaders, getHeader } from '../http/headers';
import { makeRequest, serializeRequest } from '../http/serialize';
import type { HttpResponse } from '../http/types';
import { BACKENDS, CLIENT_ADDRESS } from '../net/topology';
import type { RunContext } from '../run/context';
import type { ScriptedRequest } from '../scenarios/types';
import { openClientConnection, type ClientConnection } from './clientConnection';

export interface ClientResponse {
  readonly index: number;
  readonly client: string;
  readonly status: number;
  /** The request-target this answers (after redirects, the last one). */
  readonly target: string;
  /** The backend that produced it; null when the LB answered itself (WAF, rate rule, cache, redirect). */
  readonly servedBy: string | null;
  readonly body: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

export interface ClientOutcome {
  readonly responses: ClientResponse[];
  /** Requests never answered, with why (a TLS failure, a reset, a redirect loop). */
  /** `reason`: the code of `cause` (what the content words). */
  readonly failures: { index: number; reason: GaveUpReason['code']; cause: GaveUpReason }[];
}

const MAX_REDIRECTS = 5;
const DEFAULT_CLIENT = 'alice';

export function startClient(ctx: RunContext, requests: readonly ScriptedRequest[]): ClientOutcome {
  const outcome: ClientOutcome = { responses: [], failures: [] };
  const cookies = new Map<string, Map<string, string>>();
  const connections = new Map<string, ClientConnection>();

  const jarOf = (client: string): Map<string, string> => {
    let jar = cookies.get(client);
    if (!jar) cookies.set(client, (jar = new Map()));
    return jar;
  };

  /** Like a browser showing an error page: the visit ends here, and the log says why. */
  const giveUp = (index: number, reason: GaveUpReason): void => {
    outcome.failures.push({ index, reason: reason.code, cause: reason });
    const unsent = requests.length - index - 1;
    ctx.log.note('client.gaveUp', 'client', { request: index, reason, unsent });
    for (const c of connections.values()) c.close();
  };

  const send = (index: number, request: ScriptedRequest, redirects: number): void => {
    const client = request.client ?? DEFAULT_CLIENT;
    const scheme = request.scheme ?? 'https';
    const host = request.host ?? ctx.names.site;
    const sourceIp = request.sourceIp ?? CLIENT_ADDRESS;
    const direct = request.direct ? BACKENDS.find((b) => b.id === request.direct) : undefined;
    const key = `${client}|${scheme}|${host}|${sourceIp}|${direct?.id ?? 'lb'}`;
    const next = (): void => {
      const following = requests[index + 1];
      if (following) send(index + 1, following, 0);
      else for (const c of connections.values()) c.close();
    };

    const dispatch = (connection: ClientConnection): void => {
      const jar = jarOf(client);
      const cookieHeader = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
      const extra = request.headers ?? [];
      const has = (name: string): boolean => extra.some(([n]) => n.toLowerCase() === name);
      const headers: [string, string][] = [
        ['User-Agent', 'PassthroughLab/1.0 (simulated browser)'],
        ...(ctx.options.compression && !has('accept-encoding') ? [['Accept-Encoding', 'gzip'] as [string, string]] : []),
        ...(cookieHeader ? [['Cookie', cookieHeader] as [string, string]] : []),
        ...(request.body !== undefined && !has('content-type') ? [['Content-Type', 'application/x-www-form-urlencoded'] as [string, string]] : []),
        ...extra.map(([n, v]) => [n, v] as [string, string]),
        ...(ctx.options.keepAlive ? [] : [['Connection', 'close'] as [string, string]]),
      ];
      const http = makeRequest({ method: request.method, target: request.path, host, headers, ...(request.body !== undefined ? { body: request.body } : {}) });
      connection.onBroken = (reason) => {
        if (connections.get(key) === connection) connections.delete(key);
        giveUp(index, reason);
      };
      connection.onResponse = (response) => {
        connection.onResponse = null;
        connection.onBroken = null;
        storeCookies(jar, response);
        record(index, client, request, response);
        if (!ctx.options.keepAlive || getHeader(response.headers, 'connection')?.toLowerCase() === 'close') {
          connection.close();
          connections.delete(key);
        }
        const location = redirectTarget(response);
        if (location) {
          if (redirects >= MAX_REDIRECTS) return giveUp(index, { code: 'too-many-redirects', limit: MAX_REDIRECTS });
          // A redirect names a URL, so it goes through DNS (the load balancer) even from a direct request.
          const { direct: _direct, ...rest } = request;
          return send(index, { ...rest, scheme: location.scheme, host: location.host, path: location.path, purpose: '' }, redirects + 1);
        }
        next();
      };
      ctx.log.note('http.requestSent', 'client', {
        method: request.method, target: request.path, index, client: client === DEFAULT_CLIENT ? 'client' : client, scheme, host, purpose: request.purpose,
        ...(redirects > 0 ? { redirectOf: { scheme, host, path: request.path } } : {}),
      });
      connection.send(serializeRequest(http));
    };

    const existing = connections.get(key);
    if (existing && existing.ready && !existing.broken) return dispatch(existing);
    const opened = openClientConnection(ctx, { key, host, sourceIp, scheme, ready: dispatch, ...(direct ? { direct } : {}) });
    connections.set(key, opened);
    opened.onBroken = (reason) => {
      connections.delete(key);
      giveUp(index, reason);
    };
  };

  const record = (index: number, client: string, request: ScriptedRequest, response: HttpResponse): void => {
    // A cached copy still carries the original X-Served-By, but no backend was involved this time.
    const fromCache = getHeader(response.headers, 'x-cache') === 'HIT';
    const servedBy = fromCache ? null : getHeader(response.headers, 'x-served-by') ?? null;
    // A browser undoes Content-Encoding before anyone sees the page.
    const gzipped = /gzip/i.test(getHeader(response.headers, 'content-encoding') ?? '');
    const body = bytesToText(gzipped ? safeGunzip(response.body) : response.body);
    outcome.responses.push({ index, client, status: response.status, target: request.path, servedBy, body, headers: response.headers });
    ctx.log.note('http.responseReceived', 'client', {
      status: response.status, statusText: response.reason, servedBy, index, bodyPreview: body.slice(0, 160),
      client: client === DEFAULT_CLIENT ? 'client' : client, method: request.method, target: request.path,
    });
  };

  const first = requests[0];
  if (first) send(0, first, 0);
  return outcome;
}

function safeGunzip(bytes: Uint8Array): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch {
    return bytes;
  }
}

function storeCookies(jar: Map<string, string>, response: HttpResponse): void {
  for (const setCookie of getAllHeaders(response.headers, 'set-cookie')) {
    const pair = setCookie.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

/** An absolute or origin-relative redirect this lab can follow. */
function redirectTarget(response: HttpResponse): { scheme: 'http' | 'https'; host: string; path: string } | null {
  if (![301, 302, 303, 307, 308].includes(response.status)) return null;
  const location = getHeader(response.headers, 'location');
  const match = location ? /^(https?):\/\/([a-z0-9.-]+)(\/[^\s]*)?$/i.exec(location) : null;
  if (!match) return null;
  return { scheme: match[1]!.toLowerCase() as 'http' | 'https', host: match[2]!.toLowerCase(), path: match[3] ?? '/' };
}
