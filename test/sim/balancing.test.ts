import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../../src/sim/http/types';
import { createBalancer, fnv1a32 } from '../../src/sim/lb/balancing';
import type { BackendRef } from '../../src/sim/lb/balancing';
import {
  persistenceResponseHeaders,
  persistenceSetCookie,
  readPersistenceCookie,
  stripPersistenceCookie,
} from '../../src/sim/lb/stickiness';

const BACKENDS: BackendRef[] = [
  { id: 'backend-1', name: 'backend-1', address: '10.0.1.11:80' },
  { id: 'backend-2', name: 'backend-2', address: '10.0.1.12:80' },
  { id: 'backend-3', name: 'backend-3', address: '10.0.1.13:80' },
];

function req(headers: Array<readonly [string, string]>): HttpRequest {
  return { method: 'GET', target: '/', version: 'HTTP/1.1', headers, body: new Uint8Array() };
}

describe('round robin', () => {
  it('walks the backends in order and spreads load evenly', () => {
    const b = createBalancer('round-robin', BACKENDS);
    const picks = Array.from({ length: 7 }, () => b.pick({ sourceIp: '203.0.113.10' }).backend.id);
    expect(picks).toEqual(['backend-1', 'backend-2', 'backend-3', 'backend-1', 'backend-2', 'backend-3', 'backend-1']);
    expect([...b.load]).toEqual([['backend-1', 3], ['backend-2', 2], ['backend-3', 2]]);
    expect(b.pick({ sourceIp: 'x' }).why).toEqual({ algorithm: 'round-robin', position: 2, of: 3, backend: 'backend-2' });
  });
});

describe('least connections', () => {
  it('picks the backend with fewest open connections, ties broken by order', () => {
    const b = createBalancer('least-connections', BACKENDS);
    const first = b.pick({ sourceIp: '203.0.113.10' });
    expect(first.backend.id).toBe('backend-1');
    expect(first.why).toMatchObject({ algorithm: 'least-connections', tied: 3 });
    b.connectionOpened('backend-1');
    expect(b.pick({ sourceIp: 'a' }).backend.id).toBe('backend-2');
    b.connectionOpened('backend-2');
    b.connectionOpened('backend-2');
    expect(b.pick({ sourceIp: 'a' }).backend.id).toBe('backend-3');
    b.connectionOpened('backend-3');
    // 1 / 2 / 1: backend-1 and backend-3 tie, order wins.
    const tie = b.pick({ sourceIp: 'a' });
    expect(tie.backend.id).toBe('backend-1');
    expect(tie.why).toEqual({
      algorithm: 'least-connections', tied: 2, backend: 'backend-1',
      open: [{ backend: 'backend-1', count: 1 }, { backend: 'backend-2', count: 2 }, { backend: 'backend-3', count: 1 }],
    });
    b.connectionClosed('backend-2');
    b.connectionClosed('backend-2');
    b.connectionClosed('backend-2'); // never below zero
    expect(b.active.get('backend-2')).toBe(0);
    expect(b.pick({ sourceIp: 'a' }).backend.id).toBe('backend-2');
    b.connectionOpened('no-such-backend');
    expect(b.active.has('no-such-backend')).toBe(false);
  });

  it('spreads evenly when each pick opens a connection', () => {
    const b = createBalancer('least-connections', BACKENDS);
    for (let i = 0; i < 9; i++) b.connectionOpened(b.pick({ sourceIp: `198.51.100.${i}` }).backend.id);
    expect([...b.load.values()]).toEqual([3, 3, 3]);
  });
});

describe('source-IP hash', () => {
  it('uses FNV-1a 32-bit (known test vectors)', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('is stable and explains itself', () => {
    const b = createBalancer('source-ip-hash', BACKENDS);
    const h = fnv1a32('203.0.113.10');
    const expected = BACKENDS[h % 3]?.id;
    const picks = Array.from({ length: 5 }, () => b.pick({ sourceIp: '203.0.113.10' }));
    expect(new Set(picks.map((p) => p.backend.id))).toEqual(new Set([expected]));
    expect(picks[0]?.why).toEqual({ algorithm: 'source-ip-hash', sourceIp: '203.0.113.10', hash: h, of: 3, index: h % 3, backend: expected });
    // A second balancer (another run) makes the same choice: nothing depends on state or time.
    expect(createBalancer('source-ip-hash', BACKENDS).pick({ sourceIp: '203.0.113.10' }).backend.id).toBe(expected);
  });

  it('spreads many distinct client IPs over all backends', () => {
    const b = createBalancer('source-ip-hash', BACKENDS);
    for (let i = 0; i < 300; i++) b.pick({ sourceIp: `198.51.${i >> 8}.${i & 255}` });
    for (const n of b.load.values()) expect(n).toBeGreaterThan(60);
  });

  it('piles 100 clients behind one NAT IP onto a single backend', () => {
    const b = createBalancer('source-ip-hash', BACKENDS);
    const nat = '192.0.2.1';
    const landed = new Set(Array.from({ length: 100 }, () => b.pick({ sourceIp: nat }).backend.id));
    expect(landed.size).toBe(1);
    expect([...b.load.values()].sort((x, y) => y - x)).toEqual([100, 0, 0]);
  });
});

describe('createBalancer', () => {
  it('refuses an empty backend list', () => {
    expect(() => createBalancer('round-robin', [])).toThrow(RangeError);
  });
});

describe('cookie persistence (insert indirect nocache)', () => {
  it('reads the cookie naming a known backend', () => {
    const r = readPersistenceCookie(req([['Cookie', 'session=abc; SERVERID=backend-2; theme=dark']]), 'SERVERID', BACKENDS);
    expect(r.backend?.id).toBe('backend-2');
    expect(r.why).toEqual({ outcome: 'pinned', name: 'SERVERID', backend: 'backend-2' });
  });

  it('returns null on a first visit', () => {
    expect(readPersistenceCookie(req([]), undefined, BACKENDS).backend).toBeNull();
    expect(readPersistenceCookie(req([['cookie', 'session=abc']]), undefined, BACKENDS).why).toEqual({ outcome: 'absent', name: 'SERVERID' });
  });

  it('ignores a forged cookie naming an unknown backend, and the algorithm chooses', () => {
    const forged = req([['Cookie', 'SERVERID=backend-9']]);
    const r = readPersistenceCookie(forged, undefined, BACKENDS);
    expect(r.backend).toBeNull();
    expect(r.why).toEqual({ outcome: 'unknown-backend', name: 'SERVERID', value: 'backend-9' });
    const balancer = createBalancer('round-robin', BACKENDS);
    const chosen = r.backend ?? balancer.pick({ sourceIp: '203.0.113.10' }).backend;
    expect(chosen.id).toBe('backend-1');
  });

  it('uses the first occurrence and a custom cookie name', () => {
    const r = readPersistenceCookie(req([['Cookie', 'LB=backend-3; LB=backend-1']]), 'LB', BACKENDS);
    expect(r.backend?.id).toBe('backend-3');
  });

  it('builds the Set-Cookie value and the nocache header', () => {
    const b2 = BACKENDS[1] as BackendRef;
    expect(persistenceSetCookie(b2)).toBe('SERVERID=backend-2; Path=/; HttpOnly');
    expect(persistenceSetCookie(b2, 'LB')).toBe('LB=backend-2; Path=/; HttpOnly');
    expect(persistenceResponseHeaders(b2)).toEqual([
      ['Set-Cookie', 'SERVERID=backend-2; Path=/; HttpOnly'],
      ['Cache-Control', 'private'],
    ]);
  });

  it('strips only the persistence cookie before forwarding (indirect)', () => {
    const original = req([
      ['Host', 'shop.example'],
      ['Cookie', 'session=abc; SERVERID=backend-2; theme=dark'],
      ['Cookie', 'SERVERID=backend-2'],
    ]);
    const stripped = stripPersistenceCookie(original);
    expect(stripped.headers).toEqual([
      ['Host', 'shop.example'],
      ['Cookie', 'session=abc; theme=dark'],
    ]);
    expect(original.headers).toHaveLength(3); // the input is not mutated
    expect(stripPersistenceCookie(req([['Cookie', 'junk;;=;SERVERIDX=1']])).headers).toEqual([['Cookie', 'junk; =; SERVERIDX=1']]);
  });
});
