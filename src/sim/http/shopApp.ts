/**
 * The demo shop that runs on every backend. Each instance keeps its own sessions, carts and comments, like a
 * real app without a shared session store, so a request that lands on another backend visibly loses the cart.
 * Everything is deterministic: session ids count up per backend, nothing reads a clock or a random source.
 */
import type { AppEffect } from '../core/reasons';
import type { HttpRequest, HttpResponse } from './types';
import type { ShopApp, ShopContext, ShopLogEntry, ShopOptions } from './shopTypes';
import { firstParam, formatSetCookie, getAllHeaders, parseCookieHeader, parseForm, parseQuery } from './headers';
import { makeResponse } from './serialize';
import { commentsPage, homePage, loginPage, messagePage, APP_CSS } from './shopPages';
import { runProductSearch } from './shopSql';
import { forwardedForChain, forwardedProtoIsHttps, resolveClientCert, resolveClientIp } from './shopIdentity';

export { resolveClientIp, resolveClientCert } from './shopIdentity';
export type { ShopApp, ShopContext, ShopLogEntry, ShopOptions, ShopState } from './shopTypes';
export type { ClientIpResolution, ClientIpSource, ClientCertResolution, CertSource } from './shopIdentity';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'shop_session';
const MAX_COMMENTS = 50;
const JSON_TYPE = 'application/json';
const HTML_TYPE = 'text/html; charset=utf-8';
/** Paths and the methods they allow, for 405 + Allow (RFC 9110 §15.5.6). HEAD is served wherever GET is. */
const ROUTES: Readonly<Record<string, readonly string[]>> = {
  '/': ['GET'],
  '/login': ['POST'],
  '/cart/add': ['POST'],
  '/cart': ['GET'],
  '/static/app.css': ['GET'],
  '/search': ['GET'],
  '/comment': ['POST'],
  '/api/status': ['GET'],
  '/whoami': ['GET'],
  '/account': ['GET'],
};

interface Outcome {
  status: number;
  body: string;
  type: string;
  headers?: [string, string][];
  note?: string;
  effect?: AppEffect;
  sql?: string;
}

const injected = (yes: boolean | undefined): { effect?: AppEffect } => (yes ? { effect: 'sql-injection' } : {});

/** Creates one backend's shop with empty state. */
export function createShopApp(options: ShopOptions): ShopApp {
  const name = options.backendName;
  const trusted = options.trustedProxies ?? ['10.0.0.1'];
  const honorProto = options.honorForwardedProto ?? true;
  const sessions = new Map<string, { user: string; items: string[] }>();
  const comments: string[] = [];
  const log: ShopLogEntry[] = [];
  let sessionCounter = 0;
  let requestCount = 0;

  const json = (status: number, value: unknown, note?: string): Outcome => ({
    status,
    body: JSON.stringify(value, null, 2),
    type: JSON_TYPE,
    ...(note !== undefined ? { note } : {}),
  });
  const html = (status: number, body: string, note?: string): Outcome => ({
    status,
    body,
    type: HTML_TYPE,
    ...(note !== undefined ? { note } : {}),
  });
  /** RFC 9110 §15.5.2: a 401 must carry a challenge; ours names the cookie the client should present. */
  const unauthorized = (value: unknown, note: string): Outcome => ({
    ...json(401, value, note),
    headers: [['WWW-Authenticate', `Cookie realm="shop", cookie-name="${SESSION_COOKIE}"`]],
  });

  function sessionOf(req: HttpRequest) {
    // RFC 6265 §5.4 sends one Cookie header; tolerate several by joining them.
    const id = parseCookieHeader(getAllHeaders(req.headers, 'cookie').join('; ')).get(SESSION_COOKIE);
    return { id, session: id === undefined ? undefined : sessions.get(id) };
  }

  function noSession(id: string | undefined, withItems: boolean): Outcome {
    const error =
      id === undefined
        ? `not signed in — no ${SESSION_COOKIE} cookie`
        : 'unknown session — this backend never saw your login';
    const body = withItems ? { error, backend: name, items: [] } : { error, backend: name };
    return unauthorized(body, id === undefined ? 'no session cookie' : `session ${id} unknown here`);
  }

  function route(path: string, req: HttpRequest, ctx: ShopContext, params: [string, string][]): Outcome {
    const form = () => parseForm(req.body);
    switch (path) {
      case '/':
        return html(200, homePage(name, comments));
      case '/login': {
        const user = (firstParam(form(), 'user') ?? '').trim();
        if (user === '') return html(400, messagePage(name, 'Sign-in failed', 'A user name is required.'), 'empty user');
        // A fresh id on every login prevents session fixation (OWASP Session Management).
        const id = `${name}-s${++sessionCounter}`;
        sessions.set(id, { user, items: [] });
        const cookie = formatSetCookie({ name: SESSION_COOKIE, value: id, path: '/', httpOnly: true, secure: true });
        return {
          ...html(200, loginPage(name, user), `login ${user} -> session ${id}`),
          headers: [['Set-Cookie', cookie], ['Cache-Control', 'no-store']],
        };
      }
      case '/cart/add': {
        const { id, session } = sessionOf(req);
        if (!session) return noSession(id, false);
        const item = (firstParam(form(), 'item') ?? '').trim();
        if (item === '') return json(400, { error: 'item is required', backend: name });
        session.items.push(item);
        return json(200, { backend: name, user: session.user, items: session.items }, `added ${item}`);
      }
      case '/cart': {
        const { id, session } = sessionOf(req);
        if (!session) return noSession(id, true);
        return { ...json(200, { backend: name, user: session.user, items: session.items }), headers: [['Cache-Control', 'no-store']] };
      }
      case '/static/app.css':
        return { status: 200, body: APP_CSS, type: 'text/css; charset=utf-8', headers: [['Cache-Control', 'public, max-age=3600']] };
      case '/search': {
        const q = firstParam(params, 'q') ?? '';
        const result = runProductSearch(q);
        const note = result.injected ? 'injection reached the database' : undefined;
        if (result.error !== undefined) {
          // Leaking the database error is realistic, and is how error-based SQL injection is usually found.
          return { ...json(500, { backend: name, q, sql: result.sql, error: result.error }, note), sql: result.sql, ...injected(result.injected) };
        }
        const body = { backend: name, q, sql: result.sql, results: result.rows ?? [], ...(note ? { note } : {}) };
        return { ...json(200, body, note), sql: result.sql, ...injected(result.injected) };
      }
      case '/comment': {
        const fields = form();
        const text = firstParam(fields, 'comment') ?? firstParam(fields, 'text') ?? '';
        if (text === '') return html(400, messagePage(name, 'Empty comment', 'Write something first.'));
        comments.push(text);
        if (comments.length > MAX_COMMENTS) comments.shift();
        return { ...html(200, commentsPage(name, comments), 'comment stored unsanitized'), effect: 'stored-unsanitized' };
      }
      case '/api/status':
        return json(200, { status: 'ok', backend: name, requestsServed: requestCount, sessions: sessions.size });
      case '/whoami': {
        const ip = resolveClientIp(req, ctx, trusted);
        const cert = resolveClientCert(req, ctx, trusted);
        const xff = forwardedForChain(req);
        const body = {
          backend: name,
          clientIp: ip.clientIp,
          source: ip.source,
          peerAddress: ctx.peerAddress,
          transport: ctx.transport,
          xForwardedFor: xff.length > 0 ? xff.join(', ') : null,
          clientCert: cert.clientCert,
          certSource: cert.certSource,
        };
        return { ...json(200, body), headers: [['Cache-Control', 'no-store']] };
      }
      case '/account': {
        const cert = resolveClientCert(req, ctx, trusted);
        if (cert.clientCert === null) {
          const error = 'client certificate required — this backend has no verified client identity';
          return json(403, { error, backend: name, certSource: cert.certSource }, cert.certSource);
        }
        const body = { backend: name, subject: cert.clientCert, certSource: cert.certSource, plan: 'business' };
        return { ...json(200, body, `identity ${cert.clientCert}`), headers: [['Cache-Control', 'no-store']] };
      }
      default:
        return html(404, messagePage(name, 'Not found', `Nothing at ${path}.`));
    }
  }

  function notAllowed(method: string, allowed: readonly string[]): Outcome {
    const allow = allowed.includes('GET') ? [...allowed, 'HEAD'] : [...allowed];
    return {
      ...html(405, messagePage(name, 'Method Not Allowed', `${method} is not allowed here.`)),
      headers: [['Allow', allow.join(', ')]],
    };
  }

  /** Checks that apply before routing: Host (RFC 9112 §3.2), target form, forced HTTPS. */
  function precheck(req: HttpRequest, ctx: ShopContext, target: string): Outcome | undefined {
    const hosts = getAllHeaders(req.headers, 'host');
    if ((req.version === 'HTTP/1.1' && hosts.length === 0) || hosts.length > 1) {
      return html(400, messagePage(name, 'Bad Request', 'Exactly one Host header is required.'), 'bad Host');
    }
    const host = hosts[0] ?? '';
    // A Host that is not a plain authority would be copied into redirects (Host header injection).
    if (!/^[A-Za-z0-9.\-:[\]]*$/.test(host)) return html(400, messagePage(name, 'Bad Request', 'Invalid Host.'), 'bad Host');
    if (!target.startsWith('/')) return html(400, messagePage(name, 'Bad Request', 'Invalid request-target.'));
    const believedHttps = honorProto && forwardedProtoIsHttps(req, ctx, trusted);
    if (options.forceHttps && ctx.transport === 'http' && !believedHttps && host !== '') {
      const location = `https://${host}${target}`;
      // 301 may turn a POST into a GET (RFC 9110 §15.4.2); 308 keeps the method for non-GET requests.
      const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
      return {
        ...html(status, messagePage(name, 'Moved', `Use ${location}`), 'forceHttps: plain http without trusted X-Forwarded-Proto: https'),
        effect: 'redirected-to-https',
        headers: [['Location', location]],
      };
    }
    return undefined;
  }

  function handle(req: HttpRequest, ctx: ShopContext): HttpResponse {
    requestCount++;
    // Absolute-form targets (RFC 9112 §3.2.2) are reduced to their path and query.
    const originTarget = req.target.replace(/^https?:\/\/[^/?#]*/i, '') || '/';
    const { path, params } = parseQuery(originTarget);
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const allowed = ROUTES[path];
    const outcome =
      precheck(req, ctx, originTarget) ??
      (allowed && !allowed.includes(method) ? notAllowed(req.method, allowed) : route(path, req, ctx, params));
    const headers: [string, string][] = [...(outcome.headers ?? []), ['X-Served-By', name]];
    let res = makeResponse({ status: outcome.status, headers, body: outcome.body, contentType: outcome.type });
    // HEAD: the same header section as GET, Content-Length included, but no body (RFC 9110 §9.3.2).
    if (req.method === 'HEAD') res = { ...res, body: new Uint8Array(0) };
    const clientIp = resolveClientIp(req, ctx, trusted).clientIp;
    log.push({
      method: req.method,
      target: req.target,
      clientIp,
      status: res.status,
      ...(outcome.note !== undefined ? { note: outcome.note } : {}),
      ...(outcome.effect !== undefined ? { effect: outcome.effect } : {}),
      ...(outcome.sql !== undefined ? { sql: outcome.sql } : {}),
    });
    return res;
  }

  return {
    name,
    handle,
    log,
    snapshot: () => ({
      backend: name,
      requestCount,
      sessions: [...sessions].map(([id, s]) => ({ id, user: s.user, items: [...s.items] })),
      comments: [...comments],
    }),
  };
}
