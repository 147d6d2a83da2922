import { describe, expect, it } from 'vitest';
import { asciiBytes, bytesToText, concatBytes } from '../../src/sim/core/bytes';
import {
  formatSetCookie,
  getAllHeaders,
  getHeader,
  parseCookieHeader,
  parseForm,
  parseQuery,
  parseSetCookie,
  percentDecode,
  withAppendedHeader,
  withHeader,
  withoutHeader,
} from '../../src/sim/http/headers';
import { HttpStreamParser, looksLikeHttp, parseHttpMessage } from '../../src/sim/http/parser';
import { makeRequest, makeResponse, serializeRequest, serializeResponse } from '../../src/sim/http/serialize';
import type { HttpMessage, HttpRequest, HttpResponse } from '../../src/sim/http/types';

const req = (text: string) => parseHttpMessage(asciiBytes(text), 'request');
const errorOf = (text: string, kind: 'request' | 'response' = 'request'): string => {
  const r = new HttpStreamParser(kind).push(asciiBytes(text));
  return r.error ?? '';
};
const onlyRequest = (m: HttpMessage | undefined): HttpRequest => {
  if (m?.kind !== 'request') throw new Error('expected a request');
  return m.message;
};

describe('headers', () => {
  const h = [
    ['Host', 'shop.example'],
    ['X-Forwarded-For', '1.2.3.4'],
    ['x-forwarded-for', '5.6.7.8'],
  ] as const;

  it('looks up case-insensitively, first wins, all in order', () => {
    expect(getHeader(h, 'HOST')).toBe('shop.example');
    expect(getHeader(h, 'X-FORWARDED-FOR')).toBe('1.2.3.4');
    expect(getAllHeaders(h, 'x-forwarded-for')).toEqual(['1.2.3.4', '5.6.7.8']);
    expect(getHeader(h, 'cookie')).toBeUndefined();
  });

  it('replaces, appends and removes without mutating', () => {
    const replaced = withHeader(h, 'X-Forwarded-For', '9.9.9.9');
    expect(replaced).toEqual([
      ['Host', 'shop.example'],
      ['X-Forwarded-For', '9.9.9.9'],
    ]);
    expect(withHeader([], 'A', '1')).toEqual([['A', '1']]);
    expect(withAppendedHeader(h, 'Set-Cookie', 'a=1')).toHaveLength(4);
    expect(withoutHeader(h, 'X-FORWARDED-FOR')).toEqual([['Host', 'shop.example']]);
    expect(h).toHaveLength(3);
  });

  it('parses cookies, hostile ones included', () => {
    expect(parseCookieHeader('a=1; b=2')).toEqual(new Map([['a', '1'], ['b', '2']]));
    expect(parseCookieHeader('a=1; a=2;;junk; =x; c=')).toEqual(new Map([['a', '1'], ['c', '']]));
    expect(parseCookieHeader(undefined).size).toBe(0);
    const huge = 'x'.repeat(200_000);
    expect(parseCookieHeader(`big=${huge}`).get('big')).toHaveLength(200_000);
  });

  it('formats and parses Set-Cookie', () => {
    const text = formatSetCookie({ name: 'shop_session', value: 'b1-s1', path: '/', httpOnly: true, secure: true });
    expect(text).toBe('shop_session=b1-s1; Path=/; HttpOnly; Secure');
    expect(parseSetCookie(text)).toEqual({
      cookie: { name: 'shop_session', value: 'b1-s1', path: '/', httpOnly: true, secure: true },
    });
    const odd = parseSetCookie('SERVERID=s2; max-age=60; SAMESITE=lax; Max-Age=nope; Unknown=1');
    expect(odd).toEqual({ cookie: { name: 'SERVERID', value: 's2', maxAge: 60, sameSite: 'Lax' } });
    expect(parseSetCookie('novalue')).toHaveProperty('error');
    expect(parseSetCookie('=x')).toHaveProperty('error');
  });

  it('parses queries and forms without throwing on bad escapes', () => {
    expect(parseQuery('/search?q=blue+mug&x=%41%zz&y=%E2%82%AC&flag')).toEqual({
      path: '/search',
      params: [
        ['q', 'blue mug'],
        ['x', 'A%zz'],
        ['y', '€'],
        ['flag', ''],
      ],
    });
    expect(parseQuery('/cart')).toEqual({ path: '/cart', params: [] });
    expect(percentDecode('%')).toBe('%');
    expect(percentDecode('%4')).toBe('%4');
    expect(percentDecode('%ff%fe')).toBe('\ufffd\ufffd');
    expect(parseForm(asciiBytes("user=alice&password=p%40ss+word&q=%27+OR+%271%27%3D%271"))).toEqual([
      ['user', 'alice'],
      ['password', 'p@ss word'],
      ['q', "' OR '1'='1"],
    ]);
    expect(parseForm('&&=&a')).toEqual([
      ['', ''],
      ['a', ''],
    ]);
    expect(parseForm(`v=${'%zz'.repeat(50_000)}`)[0]?.[1]).toHaveLength(150_000);
  });
});

describe('serialize', () => {
  it('makes requests with Host and Content-Length, and serializes exactly', () => {
    const r = makeRequest({ method: 'POST', target: '/login', host: 'shop.example', body: 'user=alice' });
    expect(bytesToText(serializeRequest(r))).toBe(
      'POST /login HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 10\r\n\r\nuser=alice',
    );
    const g = makeRequest({ method: 'GET', target: '/', host: 'a' });
    expect(bytesToText(serializeRequest(g))).toBe('GET / HTTP/1.1\r\nHost: a\r\n\r\n');
    const te = makeRequest({ method: 'POST', target: '/', host: 'a', headers: [['Transfer-Encoding', 'chunked']] });
    expect(getHeader(te.headers, 'content-length')).toBeUndefined();
  });

  it('makes responses with reason, type and length; no length on 204', () => {
    const r = makeResponse({ status: 404, body: 'nope', contentType: 'text/plain' });
    expect(bytesToText(serializeResponse(r))).toBe(
      'HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 4\r\n\r\nnope',
    );
    expect(makeResponse({ status: 204, body: 'x' }).headers).toEqual([]);
  });

  it('cannot be used for header injection', () => {
    const r = makeResponse({ status: 200, headers: [['X-Evil', 'a\r\nSet-Cookie: pwned=1']] });
    const parsed = parseHttpMessage(serializeResponse(r), 'response');
    if (!('message' in parsed)) throw new Error(parsed.error);
    expect(getHeader(parsed.message.headers, 'set-cookie')).toBeUndefined();
    expect(getHeader(parsed.message.headers, 'x-evil')).toBe('a  Set-Cookie: pwned=1');
  });
});

describe('HttpStreamParser', () => {
  const post = makeRequest({
    method: 'POST',
    target: '/cart/add?x=1',
    host: 'shop.example',
    headers: [['Content-Type', 'application/x-www-form-urlencoded']],
    body: 'item=blue-mug',
  });
  const get = makeRequest({ method: 'GET', target: '/', host: 'shop.example', headers: [['Cookie', 'a=1']] });
  const res = makeResponse({ status: 200, body: 'héllo', contentType: 'text/plain; charset=utf-8' });

  it('round-trips requests and responses', () => {
    expect(parseHttpMessage(serializeRequest(post), 'request')).toEqual({ message: post });
    expect(parseHttpMessage(serializeResponse(res), 'response')).toEqual({ message: res });
  });

  it('gives the same result when bytes arrive one at a time', () => {
    const wire = concatBytes(serializeRequest(post), serializeRequest(get));
    const parser = new HttpStreamParser('request');
    const got: HttpMessage[] = [];
    for (let i = 0; i < wire.length; i++) {
      const r = parser.push(wire.subarray(i, i + 1));
      expect(r.error).toBeUndefined();
      got.push(...r.messages);
      // nothing is lost or double-counted: buffered is zero exactly when a message has just completed
      expect(parser.buffered === 0).toBe(r.messages.length > 0);
    }
    expect(got.map((m) => m.message)).toEqual([post, get]);
    expect(parser.buffered).toBe(0);
  });

  it('splits at every boundary', () => {
    const wire = serializeRequest(post);
    for (let cut = 0; cut <= wire.length; cut++) {
      const parser = new HttpStreamParser('request');
      const a = parser.push(wire.subarray(0, cut));
      const b = parser.push(wire.subarray(cut));
      expect([...a.messages, ...b.messages].map((m) => m.message)).toEqual([post]);
    }
  });

  it('parses pipelined messages from one segment', () => {
    const wire = concatBytes(serializeRequest(get), serializeRequest(post), serializeRequest(get));
    const r = new HttpStreamParser('request').push(wire);
    expect(r.messages.map((m) => m.message)).toEqual([get, post, get]);
  });

  it('decodes chunked bodies, with extensions and trailers, and states the decoded length', () => {
    const wire =
      'POST /comment HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n' +
      '5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n';
    const bytes = asciiBytes(wire);
    const parser = new HttpStreamParser('request');
    const got: HttpMessage[] = [];
    for (let i = 0; i < bytes.length; i++) got.push(...parser.push(bytes.subarray(i, i + 1)).messages);
    expect(got).toHaveLength(2);
    const first = onlyRequest(got[0]);
    expect(bytesToText(first.body)).toBe('hello, world');
    expect(getHeader(first.headers, 'content-length')).toBe('12');
    expect(getHeader(first.headers, 'transfer-encoding')).toBeUndefined();
  });

  it('reads a close-delimited response at end(), and knows bodiless statuses', () => {
    const p = new HttpStreamParser('response');
    expect(p.push(asciiBytes('HTTP/1.0 200 OK\r\n\r\nall of it')).messages).toEqual([]);
    const ended = p.end();
    expect(ended.messages[0]?.kind === 'response' && bytesToText(ended.messages[0].message.body)).toBe('all of it');
    const r = new HttpStreamParser('response').push(asciiBytes('HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n'));
    expect(r.messages).toHaveLength(1);
    expect(new HttpStreamParser('request').end()).toEqual({ messages: [] });
  });

  it('ignores blank lines before a request and accepts identical Content-Length values', () => {
    const r = req('\r\nPOST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2, 2\r\n\r\nhi');
    expect('message' in r && bytesToText(r.message.body)).toBe('hi');
  });

  it.each([
    ['GET /\r\n\r\n', /bad request line/],
    ['GET  / HTTP/1.1\r\n\r\n', /bad request line/],
    ['G(T / HTTP/1.1\r\n\r\n', /invalid method/],
    ['GET / HTTP/2.0\r\n\r\n', /unsupported HTTP version/],
    ['GET / HTTX/1.1\r\n\r\n', /malformed HTTP version/],
    ['GET / HTTP/1.1\r\nHost a\r\n\r\n', /without a colon/],
    ['GET / HTTP/1.1\r\nHost: a\r\n  folded\r\n\r\n', /obsolete line folding/],
    ['GET / HTTP/1.1\r\nHost : a\r\n\r\n', /whitespace between field name/],
    ['GET / HTTP/1.1\r\n: a\r\n\r\n', /empty field name/],
    ['GET / HTTP/1.1\r\nHost: a\nX: b\r\n\r\n', /bare CR or LF/],
    ['GET / HTTP/1.1\r\nX: a\u0001b\r\n\r\n', /control character/],
    ['POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello', /conflicting Content-Length/],
    ['POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello', /conflicting Content-Length/],
    ['POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\nhello', /non-numeric Content-Length/],
    ['POST / HTTP/1.1\r\nContent-Length: 0x10\r\n\r\n', /non-numeric Content-Length/],
    ['POST / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n', /body limit/],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n', /does not end in chunked/],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n', /unsupported transfer coding/],
    ['POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', /HTTP\/1.0/],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n', /not followed by CRLF/],
    ['POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nbad trailer\r\n\r\n', /bad trailer/],
  ])('rejects malformed request %#', (text, pattern) => {
    expect(errorOf(text)).toMatch(pattern);
  });

  it('rejects malformed responses', () => {
    expect(errorOf('HTTP/1.1 OK\r\n\r\n', 'response')).toMatch(/bad status line/);
    expect(errorOf('HTTP/1.1 099 Low\r\n\r\n', 'response')).toMatch(/out of range/);
  });

  it('rejects a CL.TE smuggling attempt and stays in the error state', () => {
    const smuggle =
      'POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 13\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nSMUGGLED';
    const p = new HttpStreamParser('request');
    const r = p.push(asciiBytes(smuggle));
    expect(r.messages).toEqual([]);
    expect(r.error).toMatch(/smuggling/);
    expect(r.errorStatus).toBe(400);
    const later = p.push(serializeRequest(get));
    expect(later.messages).toEqual([]);
    expect(later.error).toBe(r.error);
    expect(p.error).toBe(r.error);
  });

  it('returns the messages completed before an error in the same segment', () => {
    const r = new HttpStreamParser('request').push(asciiBytes('GET / HTTP/1.1\r\nHost: a\r\n\r\nBROKEN\r\n\r\n'));
    expect(r.messages).toHaveLength(1);
    expect(r.error).toMatch(/bad request line/);
  });

  it('enforces header and body limits', () => {
    const big = `GET / HTTP/1.1\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`;
    expect(new HttpStreamParser('request').push(asciiBytes(big)).errorStatus).toBe(431);
    // the limit also triggers before the end of the head has arrived
    expect(errorOf(`GET / HTTP/1.1\r\nX: ${'a'.repeat(20_000)}`)).toMatch(/header section/);
    const small = new HttpStreamParser('request', { maxBodyBytes: 4 });
    expect(small.push(asciiBytes('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\n')).errorStatus).toBe(413);
    const chunked = new HttpStreamParser('request', { maxBodyBytes: 4 });
    const c = chunked.push(asciiBytes('POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\n'));
    expect(c.error).toMatch(/chunked body exceeds/);
    expect(errorOf(`POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n${'0'.repeat(2000)}`)).toMatch(/too long/);
  });

  it('parseHttpMessage reports incomplete and extra input', () => {
    expect(req('GET / HTTP/1.1\r\nHost: a\r\n')).toHaveProperty('error');
    expect(req('POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab')).toHaveProperty('error');
    expect(req('GET / HTTP/1.1\r\n\r\nGET / HTTP/1.1\r\n\r\n')).toEqual({ error: 'extra bytes after the first message' });
    expect(req('')).toEqual({ error: 'no HTTP message in the input' });
  });
});

describe('looksLikeHttp', () => {
  it('tells HTTP from TLS and junk', () => {
    expect(looksLikeHttp(asciiBytes('GET / HTTP/1.1\r\n'))).toBe(true);
    expect(looksLikeHttp(asciiBytes('HTTP/1.1 200 OK\r\n'))).toBe(true);
    expect(looksLikeHttp(new Uint8Array([0x16, 0x03, 0x01, 0x00, 0x2f]))).toBe(false);
    expect(looksLikeHttp(asciiBytes('GET'))).toBe(false);
    expect(looksLikeHttp(new Uint8Array(0))).toBe(false);
  });
});

// Type-level check that the overloads narrow.
const typed = (b: Uint8Array): HttpResponse | undefined => {
  const r = parseHttpMessage(b, 'response');
  return 'message' in r ? r.message : undefined;
};
void typed;
