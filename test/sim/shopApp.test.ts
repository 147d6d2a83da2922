import { describe, expect, it } from 'vitest';
import { bytesToText } from '../../src/sim/core/bytes';
import { getHeader } from '../../src/sim/http/headers';
import { parseHttpMessage } from '../../src/sim/http/parser';
import { makeRequest, serializeResponse } from '../../src/sim/http/serialize';
import { createShopApp, resolveClientCert, resolveClientIp } from '../../src/sim/http/shopApp';
import type { ShopApp, ShopContext } from '../../src/sim/http/shopApp';
import { runProductSearch } from '../../src/sim/http/shopSql';
import type { HeaderList, HttpResponse } from '../../src/sim/http/types';

const LB: ShopContext = { peerAddress: '10.0.0.1', transport: 'http' };
const FORM = ['Content-Type', 'application/x-www-form-urlencoded'] as const;

function get(app: ShopApp, target: string, headers: HeaderList = [], ctx: ShopContext = LB): HttpResponse {
  return app.handle(makeRequest({ method: 'GET', target, host: 'shop.example', headers }), ctx);
}
function post(app: ShopApp, target: string, body: string, headers: HeaderList = [], ctx = LB): HttpResponse {
  return app.handle(makeRequest({ method: 'POST', target, host: 'shop.example', headers: [FORM, ...headers], body }), ctx);
}
const text = (res: HttpResponse) => bytesToText(res.body);
const json = (res: HttpResponse): Record<string, unknown> => JSON.parse(text(res)) as Record<string, unknown>;
const cookieOf = (res: HttpResponse) => (getHeader(res.headers, 'set-cookie') ?? '').split(';')[0] ?? '';

describe('shop: sessions and carts', () => {
  it('logs in, adds to the cart and shows it on the same backend', () => {
    const app = createShopApp({ backendName: 'backend-1' });
    const login = post(app, '/login', 'user=alice&password=s3cret');
    expect(login.status).toBe(200);
    expect(getHeader(login.headers, 'set-cookie')).toBe('shop_session=backend-1-s1; Path=/; HttpOnly; Secure');
    const cookie: HeaderList = [['Cookie', cookieOf(login)]];
    expect(post(app, '/cart/add', 'item=Blue+Mug', cookie).status).toBe(200);
    post(app, '/cart/add', 'item=Red%20Mug', cookie);
    const cart = get(app, '/cart', cookie);
    expect(cart.status).toBe(200);
    expect(json(cart)).toEqual({ backend: 'backend-1', user: 'alice', items: ['Blue Mug', 'Red Mug'] });
    expect(app.snapshot().sessions).toEqual([{ id: 'backend-1-s1', user: 'alice', items: ['Blue Mug', 'Red Mug'] }]);
    expect(app.log.some((e) => e.note?.includes('password') || e.target.includes('s3cret'))).toBe(false);
  });

  it('loses the cart on another backend (no shared session store)', () => {
    const b1 = createShopApp({ backendName: 'backend-1' });
    const b2 = createShopApp({ backendName: 'backend-2' });
    const cookie: HeaderList = [['Cookie', cookieOf(post(b1, '/login', 'user=alice&password=x'))]];
    post(b1, '/cart/add', 'item=mug', cookie);
    const lost = get(b2, '/cart', cookie);
    expect(lost.status).toBe(401);
    expect(getHeader(lost.headers, 'x-served-by')).toBe('backend-2');
    expect(getHeader(lost.headers, 'www-authenticate')).toBeDefined();
    expect(json(lost)).toMatchObject({ error: 'unknown session — this backend never saw your login', items: [] });
    expect(post(b2, '/cart/add', 'item=mug', cookie).status).toBe(401);
    expect(json(get(b2, '/cart'))).toMatchObject({ error: expect.stringMatching(/not signed in/) });
  });

  it('issues deterministic, per-backend session ids and rejects an empty user', () => {
    const app = createShopApp({ backendName: 'b' });
    expect(cookieOf(post(app, '/login', 'user=a'))).toBe('shop_session=b-s1');
    expect(cookieOf(post(app, '/login', 'user=b'))).toBe('shop_session=b-s2');
    expect(post(app, '/login', 'user=&password=x').status).toBe(400);
  });
});

describe('shop: responses', () => {
  const app = createShopApp({ backendName: 'backend-3' });

  it('serves a home page naming the backend, with X-Served-By and Content-Length everywhere', () => {
    const home = get(app, '/');
    expect(text(home)).toContain('Served by backend-3');
    expect(getHeader(home.headers, 'content-type')).toMatch(/text\/html/);
    for (const res of [home, get(app, '/nope'), get(app, '/api/status'), post(app, '/cart', '')]) {
      expect(getHeader(res.headers, 'x-served-by')).toBe('backend-3');
      expect(getHeader(res.headers, 'content-length')).toBe(String(res.body.length));
      expect('message' in parseHttpMessage(serializeResponse(res), 'response')).toBe(true);
    }
    expect(get(app, '/nope').status).toBe(404);
    const wrong = post(app, '/cart', '');
    expect(wrong.status).toBe(405);
    expect(getHeader(wrong.headers, 'allow')).toBe('GET, HEAD');
  });

  it('serves cacheable CSS worth compressing, and HEAD without a body', () => {
    const css = get(app, '/static/app.css');
    expect(getHeader(css.headers, 'cache-control')).toBe('public, max-age=3600');
    expect(css.body.length).toBeGreaterThan(1800);
    const head = app.handle(makeRequest({ method: 'HEAD', target: '/static/app.css', host: 'x' }), LB);
    expect(head.body.length).toBe(0);
    expect(getHeader(head.headers, 'content-length')).toBe(String(css.body.length));
  });

  it('rejects a missing Host and reports API status', () => {
    const noHost = app.handle({ method: 'GET', target: '/', version: 'HTTP/1.1', headers: [], body: new Uint8Array(0) }, LB);
    expect(noHost.status).toBe(400);
    expect(json(get(app, '/api/status'))).toMatchObject({ status: 'ok', backend: 'backend-3' });
  });

  it('stores comments raw and echoes them (stored XSS sink)', () => {
    const shop = createShopApp({ backendName: 'b' });
    const res = post(shop, '/comment', 'comment=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    expect(res.status).toBe(200);
    expect(text(res)).toContain('<li><script>alert(1)</script></li>');
    expect(text(get(shop, '/'))).toContain('<script>alert(1)</script>');
    expect(shop.snapshot().comments).toEqual(['<script>alert(1)</script>']);
  });
});

describe('shop: SQL injection', () => {
  it('a benign search stays inside the string literal', () => {
    const app = createShopApp({ backendName: 'b' });
    const res = get(app, '/search?q=mug');
    const body = json(res);
    expect(body.results).toEqual([
      { id: 1, name: 'Blue Mug' },
      { id: 2, name: 'Red Mug' },
    ]);
    expect(body.note).toBeUndefined();
    expect(app.log.at(-1)?.sql).toBe("SELECT id, name FROM products WHERE name LIKE '%mug%' AND hidden = 0");
  });

  it.each(["' OR '1'='1", "' OR 1=1 --", "x' OR 'a'='a' --"])('tautology %s returns every row', (q) => {
    const app = createShopApp({ backendName: 'b' });
    const res = get(app, `/search?q=${encodeURIComponent(q)}`);
    const body = json(res);
    expect(res.status).toBe(200);
    expect(body.results).toContainEqual({ id: 99, name: 'admin-only: staff discount codes' });
    expect(body.note).toBe('injection reached the database');
    expect(app.log.at(-1)).toMatchObject({ note: 'injection reached the database', status: 200 });
  });

  it('a stray quote is a leaked syntax error; other injections are evaluated honestly', () => {
    const app = createShopApp({ backendName: 'b' });
    const broken = get(app, "/search?q=O'Brien");
    expect(broken.status).toBe(500);
    expect(json(broken).error).toMatch(/syntax error|unrecognized token/);
    expect(runProductSearch("' AND 1=2 --").rows).toEqual([]);
    expect(runProductSearch("'; DROP TABLE products; --").error).toMatch(/stacked|refuses/);
    expect(runProductSearch("' UNION SELECT 1 --").error).toMatch(/UNION/);
    expect(runProductSearch("' OR secret=1 --").error).toBe('no such column: secret');
    expect(runProductSearch("it's").injected).toBe(true);
    expect(runProductSearch('%').rows).toHaveLength(6);
    expect(runProductSearch(`${'%'.repeat(500)}zzz`).rows).toEqual([]);
  });
});

describe('shop: client identity', () => {
  const req = (headers: HeaderList) => makeRequest({ method: 'GET', target: '/whoami', host: 'shop.example', headers });

  it('believes X-Forwarded-For only from a trusted peer, right-most untrusted entry', () => {
    // The client forged "1.2.3.4"; the LB appended the address it really saw.
    const forged = req([['X-Forwarded-For', '1.2.3.4, 203.0.113.7']]);
    expect(resolveClientIp(forged, LB, ['10.0.0.1'])).toEqual({
      clientIp: '203.0.113.7',
      source: 'x-forwarded-for from trusted proxy',
    });
    const twoHops = req([['X-Forwarded-For', '1.2.3.4'], ['X-Forwarded-For', '203.0.113.7, 10.0.0.9']]);
    expect(resolveClientIp(twoHops, LB, ['10.0.0.1', '10.0.0.9']).clientIp).toBe('203.0.113.7');
    const direct = { peerAddress: '198.51.100.5', transport: 'https' } as const;
    expect(resolveClientIp(forged, direct, ['10.0.0.1'])).toEqual({
      clientIp: '198.51.100.5',
      source: 'x-forwarded-for from UNTRUSTED peer (ignored)',
    });
    expect(resolveClientIp(req([]), LB, ['10.0.0.1'])).toEqual({ clientIp: '10.0.0.1', source: 'tcp peer' });
  });

  it('prefers a PROXY protocol source', () => {
    const ctx: ShopContext = { peerAddress: '10.0.0.1', proxyProtocolSource: '203.0.113.7', transport: 'https' };
    expect(resolveClientIp(req([['X-Forwarded-For', '1.2.3.4']]), ctx, ['10.0.0.1'])).toEqual({
      clientIp: '203.0.113.7',
      source: 'proxy protocol',
    });
  });

  it('/whoami explains its belief and the log records the resolved IP', () => {
    const app = createShopApp({ backendName: 'b' });
    const res = get(app, '/whoami', [['X-Forwarded-For', '1.2.3.4, 203.0.113.7']]);
    expect(json(res)).toMatchObject({ clientIp: '203.0.113.7', source: 'x-forwarded-for from trusted proxy', clientCert: null });
    expect(app.log.at(-1)?.clientIp).toBe('203.0.113.7');
  });

  it('/account needs a client identity; a forged cert header from an untrusted peer is ignored', () => {
    const app = createShopApp({ backendName: 'b' });
    expect(get(app, '/account').status).toBe(403);
    const header: HeaderList = [['X-SSL-Client-Cert-Subject', 'CN=alice']];
    const viaLb = get(app, '/account', header);
    expect(viaLb.status).toBe(200);
    expect(json(viaLb)).toMatchObject({ subject: 'CN=alice', certSource: 'x-ssl-client-cert-subject from trusted proxy' });
    const attacker: ShopContext = { peerAddress: '198.51.100.66', transport: 'http' };
    const forged = get(app, '/account', header, attacker);
    expect(forged.status).toBe(403);
    expect(json(forged).certSource).toBe('x-ssl-client-cert-subject from UNTRUSTED peer (ignored)');
    const mtls: ShopContext = { peerAddress: '203.0.113.7', transport: 'https', tlsClientCertSubject: 'CN=bob' };
    expect(json(get(app, '/account', [], mtls))).toMatchObject({ subject: 'CN=bob', certSource: 'backend tls handshake' });
    expect(resolveClientCert(req([]), LB, ['10.0.0.1'])).toEqual({ clientCert: null, certSource: 'none' });
  });
});

describe('shop: forceHttps', () => {
  it('redirects plain http without a trusted X-Forwarded-Proto', () => {
    const app = createShopApp({ backendName: 'b', forceHttps: true });
    const res = get(app, '/cart?x=1');
    expect(res.status).toBe(301);
    expect(getHeader(res.headers, 'location')).toBe('https://shop.example/cart?x=1');
    expect(post(app, '/login', 'user=a').status).toBe(308);
    const spoofed = get(app, '/', [['X-Forwarded-Proto', 'https']], { peerAddress: '198.51.100.1', transport: 'http' });
    expect(spoofed.status).toBe(301);
  });

  it('honours X-Forwarded-Proto from the LB, unless told not to (the redirect loop)', () => {
    const proto: HeaderList = [['X-Forwarded-Proto', 'https']];
    expect(get(createShopApp({ backendName: 'b', forceHttps: true }), '/', proto).status).toBe(200);
    const loop = createShopApp({ backendName: 'b', forceHttps: true, honorForwardedProto: false });
    expect(get(loop, '/', proto).status).toBe(301);
    expect(get(loop, '/', [], { peerAddress: '10.0.0.1', transport: 'https' }).status).toBe(200);
  });
});
