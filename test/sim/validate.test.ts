import { describe, expect, it } from 'vitest';
import { checkOptions, checkRequests, LIMITS } from '../../src/sim/scenarios/validate';

describe('run input from outside the engine', () => {
  it('keeps valid options and names every ignored one', () => {
    const { value, problems } = checkOptions({ waf: false, algorithm: 'source-ip-hash', proxyProtocol: 'v3', evil: '<script>', loginRateLimit: 1e9 });
    expect(value).toEqual({ waf: false, algorithm: 'source-ip-hash' });
    expect(problems).toEqual([
      'option "proxyProtocol": invalid value, ignored',
      'option "evil": unknown, ignored',
      'option "loginRateLimit": invalid value, ignored',
    ]);
  });

  it('rejects non-objects without throwing', () => {
    for (const bad of ['x', 42, [1], true]) expect(checkOptions(bad).value).toEqual({});
    expect(checkOptions(null).problems).toEqual([]);
  });

  it('drops requests that cannot be HTTP/1.1 and keeps the text of the rest verbatim', () => {
    const xss = '<img src=x onerror=alert(1)>';
    const { value, problems } = checkRequests([
      { method: 'get', path: `/search?q=${encodeURIComponent(xss)}`, headers: [['X-Note', xss], ['Bad Name', 'x'], ['X-Split', 'a\r\nInjected: yes']], body: xss },
      { method: 'GET /', path: '/' },
      { method: 'GET', path: 'no-slash' },
      { method: 'GET', path: '/with space' },
      null,
    ]);
    expect(value).toHaveLength(1);
    expect(value[0]).toMatchObject({ method: 'GET', headers: [['X-Note', xss]], body: xss });
    expect(problems.length).toBe(6);
  });

  it('bounds sizes and counts', () => {
    const many = Array.from({ length: 50 }, () => ({ method: 'GET', path: '/', body: 'x'.repeat(LIMITS.body + 10) }));
    const { value, problems } = checkRequests(many);
    expect(value).toHaveLength(LIMITS.requests);
    expect(value[0]!.body!.length).toBe(LIMITS.body);
    expect(problems.at(-1)).toBe(`only the first ${LIMITS.requests} requests are kept`);
  });
});
