import { describe, expect, it } from 'vitest';
import { asciiBytes, concatBytes } from '../../src/sim/core/bytes';
import type { HttpRequest } from '../../src/sim/http/types';
import { createRateLimiter, inspectRawBytes, inspectRequest, rateLimitMatch } from '../../src/sim/lb/waf/index';
import type { WafVerdict } from '../../src/sim/lb/waf/index';

function get(target: string, headers: Array<readonly [string, string]> = []): HttpRequest {
  return { method: 'GET', target, version: 'HTTP/1.1', headers: [['Host', 'shop.example'], ...headers], body: new Uint8Array() };
}
function post(target: string, body: string, contentType = 'application/x-www-form-urlencoded'): HttpRequest {
  return {
    method: 'POST',
    target,
    version: 'HTTP/1.1',
    headers: [['Host', 'shop.example'], ['Content-Type', contentType]],
    body: asciiBytes(body),
  };
}
const q = (value: string): HttpRequest => get(`/search?q=${encodeURIComponent(value)}`);
function inspected(v: WafVerdict): Extract<WafVerdict, { inspected: true }> {
  if (!v.inspected) throw new Error(`not inspected: ${v.reason}`);
  return v;
}

const CHROME_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';

/** [label, request, expected category]. Raw targets are sent exactly as written (already encoded where shown). */
const ATTACKS: Array<[string, HttpRequest, 'sqli' | 'xss' | 'lfi' | 'rce']> = [
  ["' OR '1'='1", q("' OR '1'='1"), 'sqli'],
  ['encoded tautology', get('/search?q=%27%20OR%20%271%27%3D%271'), 'sqli'],
  ['form + as space', post('/login', "user=admin'+OR+'1'%3D'1&pass=x"), 'sqli'],
  ['OR 1=1 numeric', q('5 OR 1=1'), 'sqli'],
  ["admin'--", post('/login', 'user=admin%27--%20&pass=x'), 'sqli'],
  ["quote then /*", q("x' /* comment"), 'sqli'],
  ['UNION SELECT', q("1 UNION SELECT username, password FROM users"), 'sqli'],
  ['UNION/**/ALL/**/SELECT', q('1 UnIoN/**/ALL/**/SeLeCt 1,2'), 'sqli'],
  ['; DROP TABLE', q("1'; DROP TABLE users; --"), 'sqli'],
  ['SLEEP(5)', q("1' AND SLEEP(5)#"), 'sqli'],
  ['double-encoded quote', get('/search?q=%2527%2520or%2520%25271%2527%253d%25271'), 'sqli'],
  ['JSON body SQLi', post('/api/search', '{"q":"\' or \'a\'=\'a"}', 'application/json'), 'sqli'],
  ['<script>', q('<script>alert(1)</script>'), 'xss'],
  ['mixed case <ScRiPt>', q('<ScRiPt>alert(document.cookie)</sCrIpT>'), 'xss'],
  ['javascript: URI', q('javascript:alert(1)'), 'xss'],
  ['img onerror', q('<img src=x onerror=alert(1)>'), 'xss'],
  ['svg onload', q('<svg/onload=alert(1)>'), 'xss'],
  ['body onload', post('/comment', 'comment=%3Cbody+onload%3Dalert(1)%3E'), 'xss'],
  ['entity-encoded script', q('&#60;script&#62;alert(1)&#60;/script&#62;'), 'xss'],
  ['XSS in Referer', get('/', [['Referer', 'https://evil.example/?x=<script>steal()</script>']]), 'xss'],
  ['../ traversal', q('../../../etc/passwd'), 'lfi'],
  ['..%2f encoded', get('/download?file=..%2f..%2fetc%2fpasswd'), 'lfi'],
  ['%2e%2e/ encoded', get('/static/%2e%2e/%2e%2e/etc/shadow'), 'lfi'],
  ['/etc/passwd', q('/etc/passwd'), 'lfi'],
  ['/.git/ in path', get('/.git/config'), 'lfi'],
  ['; cat', q('127.0.0.1; cat /etc/hosts'), 'rce'],
  ['| ls', q('file.txt | ls -la'), 'rce'],
  ['$( )', q('$(whoami)'), 'rce'],
  ['backticks', q('`id`'), 'rce'],
  ['&& whoami', q('x && whoami'), 'rce'],
  ['cmd in cookie', get('/', [['Cookie', 'theme=dark; pref=a%3Bcat%20/etc/passwd']]), 'rce'],
  ['/bin/sh in UA', get('/', [['User-Agent', '() { :; }; /bin/bash -c "id"']]), 'rce'],
];

const BENIGN: Array<[string, HttpRequest]> = [
  ["O'Brien", q("O'Brien")],
  ['rock & roll', q('rock & roll')],
  ['1 + 1 = 2', q('1 + 1 = 2')],
  ['select a size', q('select a size')],
  // "<3" is not a tag (a tag starts with a letter), so a heart in a comment is fine.
  ["Tom's <3 list", post('/comment', `comment=${encodeURIComponent("Tom's <3 list")}`)],
  ['C:/Users', q('C:/Users/me/Documents')],
  ['email', q('email@example.com')],
  ["what's new?", q("what's new?")],
  ['drop shipping', q('drop shipping')],
  ['union station', q('union station')],
  ['script writing', q('script writing')],
  ['2 > 1', q('2 > 1')],
  ['tea or coffee', q('tea or coffee')],
  ['and/or', q("cats and/or dogs, 'or' so they say")],
  ['book title', q('Java Script: The Good Parts.')],
  ['cli flag', q("use '--verbose' for more")],
  ['sleep hours', q('sleep (8 hours) a night')],
  ['percent', q('50% off, 100%zz sure')],
  ['Q&A', q('Q&A: is it safe?')],
  ['ellipsis', q('wait... what.../ok')],
  ['prices', q('$(5) is not a price, $5 is')],
  ['unicode', q('café crème, naïve résumé')],
  ['form login', post('/login', 'user=alice&pass=correct+horse+battery+staple&remember=on')],
  ['JSON body', post('/api/cart', '{"items":[{"sku":"TS-042","qty":2}],"coupon":"SPRING-10","note":"gift, please"}', 'application/json')],
  ['JSON with quotes', post('/api/review', '{"title":"Great","text":"It\'s \\"really\\" good: 5/5 (would buy again)!"}', 'application/json')],
  ['Chrome UA + referer + cookies', get('/products/shirts?page=2&sort=price-asc', [
    ['User-Agent', CHROME_UA],
    ['Referer', 'https://shop.example/products?page=1&utm_source=newsletter'],
    ['Cookie', 'SERVERID=backend-2; session=Zm9vYmFyLWJhei0xMjM0; consent=yes'],
  ])],
  ['Firefox UA', get('/', [['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0']])],
  ['plain path', get('/static/app.3f9a1c.js')],
];

describe('inspectRequest: attack corpus', () => {
  it.each(ATTACKS)('blocks %s', (_label, req, category) => {
    const v = inspected(inspectRequest(req));
    expect(v.blocked).toBe(true);
    expect(v.score).toBeGreaterThanOrEqual(5);
    expect(v.matches.map((m) => m.category)).toContain(category);
  });
});

describe('inspectRequest: benign corpus', () => {
  it.each(BENIGN)('passes %s with no matches', (_label, req) => {
    const v = inspected(inspectRequest(req));
    expect(v.matches).toEqual([]);
    expect(v.blocked).toBe(false);
  });
});

describe('inspectRequest details', () => {
  it('reports rule id, location, normalized and original text', () => {
    const v = inspected(inspectRequest(get('/search?q=%27%20OR%20%271%27%3D%271')));
    const m = v.matches.find((x) => x.ruleId === 942130);
    expect(m).toMatchObject({ category: 'sqli', severity: 'CRITICAL', score: 5, location: 'query:q' });
    expect(m?.matched).toBe("' or '1'='1");
    expect(m?.original).toBe('%27%20OR%20%271%27%3D%271');
  });

  it('sees the encoded traversal on the wire and the decoded one', () => {
    const v = inspected(inspectRequest(get('/download?file=..%2f..%2fetc%2fpasswd')));
    const ids = v.matches.map((m) => m.ruleId);
    expect(ids).toEqual(expect.arrayContaining([930100, 930110, 930120]));
    expect(v.matches.find((m) => m.ruleId === 930120)?.original).toBe('%2fetc%2fpasswd');
  });

  it('labels form fields, cookies and headers', () => {
    expect(inspected(inspectRequest(post('/c', 'comment=%3Cscript%3E'))).matches[0]?.location).toBe('body:comment');
    const c = inspected(inspectRequest(get('/', [['Cookie', 'x=<script>']])));
    expect(c.matches[0]?.location).toBe('cookie:x');
    const h = inspected(inspectRequest(get('/', [['user-agent', "sqlmap' OR 1=1 -- "]])));
    expect(h.matches[0]?.location).toBe('header:user-agent');
  });

  it('inspects parameter names too', () => {
    const v = inspected(inspectRequest(get('/?%3Cscript%3E=1')));
    expect(v.matches[0]?.location).toBe('query-name:<script>');
  });

  it('detect mode scores but does not block', () => {
    const v = inspected(inspectRequest(q('<script>'), { mode: 'detect' }));
    expect(v).toMatchObject({ mode: 'detect', blocked: false, threshold: 5 });
    expect(v.score).toBe(5);
  });

  it('a WARNING alone stays under the threshold; a higher threshold lets one CRITICAL through', () => {
    const warn = inspected(inspectRequest(q('a!b@c#d$e%f^g&h*i(j)k-l+m')));
    expect(warn.matches.map((m) => [m.ruleId, m.severity, m.score])).toEqual([[942430, 'WARNING', 3]]);
    expect(warn.blocked).toBe(false);
    expect(inspected(inspectRequest(q('<script>'), { threshold: 10 })).blocked).toBe(false);
  });

  it('never throws on malformed encodings', () => {
    for (const t of ['/%', '/%zz%u12', '/?q=%E0%A4%A', '/?=&&=&q', '/?q=%uFF1Cscript%uFF1E', '/?q=&#xFFFFFFF;']) {
      expect(() => inspectRequest(get(t))).not.toThrow();
    }
    // Full-width < and > (IIS %u encoding) still decode to a script tag.
    expect(inspected(inspectRequest(get('/?q=%uFF1Cscript%uFF1E'))).blocked).toBe(true);
  });

  it('truncates long matches to 80 characters', () => {
    const v = inspected(inspectRequest(q(`<script>${'a'.repeat(200)}`)));
    for (const m of v.matches) expect(m.matched.length).toBeLessThanOrEqual(80);
  });
});

describe('inspectRawBytes', () => {
  const record = (type: number, payload: Uint8Array): Uint8Array =>
    concatBytes(new Uint8Array([type, 3, 1, payload.length >> 8, payload.length & 0xff]), payload);

  it('cannot read a TLS application_data record', () => {
    const v = inspectRawBytes(record(23, new Uint8Array(112).fill(0xa5)));
    expect(v.inspected).toBe(false);
    if (!v.inspected) {
      expect(v.reason).toContain('application_data record (type 23, 112 bytes)');
      expect(v.reason).toContain('holds no key');
    }
  });

  it('names a handshake record and its message type', () => {
    const hello = record(22, new Uint8Array([1, 0, 0, 2, 3, 1]));
    const v = inspectRawBytes(concatBytes(hello, record(20, new Uint8Array([1]))));
    expect(v.inspected).toBe(false);
    if (!v.inspected) {
      expect(v.reason).toMatch(/^TLS handshake record \(type 22, 6 bytes, client_hello\)/);
      expect(v.reason).toContain('1 more record(s): change_cipher_spec');
    }
  });

  it('inspects a plaintext HTTP request and finds the SQLi', () => {
    const body = "user=admin'+OR+'1'%3D'1&pass=x";
    const wire = asciiBytes(
      'POST /login HTTP/1.1\r\nHost: shop.example\r\nContent-Type: application/x-www-form-urlencoded\r\n' +
        `Content-Length: ${body.length}\r\n\r\n${body}GET /next HTTP/1.1\r\n`, // pipelined bytes after the body are not part of it
    );
    const v = inspected(inspectRawBytes(wire));
    expect(v.blocked).toBe(true);
    expect(v.matches[0]).toMatchObject({ ruleId: 942130, location: 'body:user' });
  });

  it('passes a clean plaintext request', () => {
    expect(inspected(inspectRawBytes(asciiBytes('GET / HTTP/1.1\r\nHost: a\r\n\r\n'))).blocked).toBe(false);
  });

  it('says "not HTTP" for garbage, empty input and HTTP/2', () => {
    for (const bytes of [new Uint8Array([0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3, 4]), asciiBytes('hello world\r\n\r\n'), new Uint8Array()]) {
      const v = inspectRawBytes(bytes);
      expect(v.inspected).toBe(false);
      if (!v.inspected) expect(v.reason).toMatch(/^not HTTP/);
    }
    const h2 = inspectRawBytes(asciiBytes('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'));
    expect(h2.inspected).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows limit hits per sliding window, then blocks with a retry hint', () => {
    const rl = createRateLimiter({ limit: 3, windowMs: 1000 });
    expect([0, 100, 200].map((t) => rl.hit('203.0.113.10 /login', t).allowed)).toEqual([true, true, true]);
    const denied = rl.hit('203.0.113.10 /login', 300);
    // Allowed again once the hit at 100 leaves the window: (100, 1100] holds only 200 and 300.
    expect(denied).toEqual({ allowed: false, count: 4, limit: 3, retryAfterMs: 800 });
    // Another key is counted separately.
    expect(rl.hit('198.51.100.7 /login', 300).allowed).toBe(true);
    // Denied hits count too (as in HAProxy and AWS WAF): hammering at 1050 is denied and pushes the gate to 200.
    expect(rl.hit('203.0.113.10 /login', 1050)).toMatchObject({ allowed: false, retryAfterMs: 150 });
    expect(rl.hit('203.0.113.10 /login', 1200).allowed).toBe(true);
  });

  it('slides rather than resetting at a fixed boundary', () => {
    const rl = createRateLimiter({ limit: 2, windowMs: 1000 });
    rl.hit('k', 900);
    rl.hit('k', 950);
    expect(rl.hit('k', 1050).allowed).toBe(false); // a fixed 0-999/1000-1999 window would allow this burst
    expect(rl.hit('k', 1951).allowed).toBe(true);
  });

  it('is deterministic, tolerates a clock going backwards and resets', () => {
    const run = (): boolean[] => {
      const rl = createRateLimiter({ limit: 1, windowMs: 10 });
      return [rl.hit('a', 5).allowed, rl.hit('a', 1).allowed, rl.hit('a', NaN).allowed];
    };
    expect(run()).toEqual([true, false, false]);
    expect(run()).toEqual(run());
    const rl = createRateLimiter({ limit: 1, windowMs: 10 });
    rl.hit('a', 0);
    rl.reset();
    expect(rl.hit('a', 1).allowed).toBe(true);
  });

  it('becomes a WAF match', () => {
    const rl = createRateLimiter({ limit: 0, windowMs: 10 });
    expect(rateLimitMatch('203.0.113.10 /login', rl.hit('203.0.113.10 /login', 0))).toMatchObject({
      ruleId: 912120,
      category: 'rate',
      location: 'rate:203.0.113.10 /login',
    });
  });
});
