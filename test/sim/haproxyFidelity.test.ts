/**
 * Fidelity: the HAProxy configuration the lab exports, run by the real HAProxy on loopback in front of small Node
 * backends, with a real HTTPS client. Each test checks that reality agrees with the simulator's account of the
 * same mode: who terminates the client's TLS, who holds the key, what reaches the backend.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS, DEFAULT_OPTIONS, findScenario, generateLabPki, realConfigurations, runScenario, summarize } from '../../src/sim/engine';
import type { LabPki, Mode, RunOptions, RunSummary } from '../../src/sim/engine';
import type { Timeline } from '../../src/sim/engine';
import { startHttpBackend, startTlsBackend, httpsExchange } from './helpers/fidelityServers';
import type { Backend, Seen } from './helpers/fidelityServers';
import { freePort, startHaproxy, stopAllHaproxy } from './helpers/haproxyProcess';
import type { RunningHaproxy } from './helpers/haproxyProcess';
import { writePkiFiles } from './helpers/pkiFiles';
import type { PkiFiles } from './helpers/pkiFiles';

const TEST_MS = 10_000;
let dir: string;
let pki: LabPki;
let files: PkiFiles;
const backends: Backend[] = [];
let haproxy: RunningHaproxy | null = null;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-haproxy-'));
  pki = await generateLabPki();
  // PL_FORCE_PKI_REPLICA=1 runs the OpenSSL-made certificates that take over once the lab's expire (2027-01-01).
  files = await writePkiFiles(dir, { realClock: true, pki, forceReplica: process.env.PL_FORCE_PKI_REPLICA === '1' });
});

afterEach(async () => {
  await haproxy?.stop();
  haproxy = null;
  await Promise.all(backends.splice(0).map((b) => b.close()));
});

afterAll(async () => {
  await stopAllHaproxy();
  rmSync(dir, { recursive: true, force: true });
});

interface Started { httpsPort: number; config: string }

/** Exports the configuration for loopback (VIP 127.0.0.1, free ports, these backends) and starts HAProxy with it. */
async function startLb(mode: Mode, options: Partial<RunOptions>, servers: Backend[], edit: (text: string) => string = (t) => t): Promise<Started> {
  backends.push(...servers);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  const targets = servers.map((b) => ({ id: b.id, address: '127.0.0.1', hostname: `${b.id}.internal`, httpsPort: b.port, httpPort: b.port }));
  // The WAF agent is not part of this test; everything else comes from the options.
  const configs = realConfigurations(mode, { ...DEFAULT_OPTIONS, waf: false, ...options }, {
    listenAddress: '127.0.0.1', httpsPort, httpPort, backends: targets,
    haproxy: { siteBundle: files.bundle('site'), internalCa: files.cert('internalCa'), clientCa: files.cert('clientCa') },
  });
  const config = edit(configs.find((c) => c.filename === 'haproxy.cfg')?.text ?? '');
  const file = path.join(dir, `haproxy-${mode}-${httpsPort}.cfg`);
  writeFileSync(file, config);
  haproxy = await startHaproxy(file, httpsPort);
  return { httpsPort, config };
}

const tlsBackend = (id: string, cert: 'site' | 'backend-1' | 'backend-2' | 'impostorBackend', proxy = false): Promise<Backend> =>
  startTlsBackend({ id, cert: files.certPem(cert), key: files.keyPem(cert === 'impostorBackend' ? 'rogueCa' : cert), proxy });
const root = (): string => files.certPem('publicRootCa');
const report = (body: string): Seen => JSON.parse(body) as Seen;

function simulate(scenario: string, mode: Mode, options: Partial<RunOptions> = {}): { timeline: Timeline; summary: RunSummary } {
  const found = findScenario(scenario);
  if (!found) throw new Error(`no scenario ${scenario}`);
  const timeline = runScenario(found, { mode, seed: 1, options }, pki);
  return { timeline, summary: summarize(timeline) };
}

describe('passthrough: HAProxy mode tcp routes on SNI and relays the client\'s own TLS session', () => {
  it('the backend terminates the client\'s session (same TLS exporter, SNI shop.example.com); HAProxy holds no key', async () => {
    const { httpsPort, config } = await startLb('passthrough', {}, [await tlsBackend('backend-1', 'site'), await tlsBackend('backend-2', 'site')]);
    expect(config).not.toContain(files.bundle('site'));
    const directives = config.split('\n').map((line) => line.replace(/#.*$/, '')).join('\n');
    expect(directives).not.toMatch(/\bssl\b|\bcrt\b|\.key\b|\.pem\b/);

    const ex = await httpsExchange({ port: httpsPort, ca: root() });
    const seen = report(ex.body);
    expect(ex.status).toBe(200);
    expect(ex.peerCn).toBe('shop.example.com');
    expect(seen).toMatchObject({ tls: true, servername: 'shop.example.com', exporter: ex.exporter });

    // The simulator says the same: one session per connection, from the client to a backend, never the LB.
    const { summary } = simulate('basic', 'passthrough');
    expect(summary.tlsSessions.length).toBeGreaterThan(0);
    for (const s of summary.tlsSessions) expect([s.client, s.server.startsWith('backend-')]).toEqual(['client', true]);
    expect(summary.keyLocations.lb).toEqual([]);
    expect(summary.lbReadPlaintext).toBe(false);
  }, TEST_MS);

  it('refuses an SNI it does not host and closes a connection that is not TLS, without reaching a backend', async () => {
    const b1 = await tlsBackend('backend-1', 'site');
    const { httpsPort } = await startLb('passthrough', {}, [b1]);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: httpsPort, servername: 'www.other-shop.example', ca: [root()] });
      socket.once('secureConnect', () => resolve(false));
      socket.once('error', () => resolve(true));
      socket.once('close', () => resolve(true));
    });
    expect(refused).toBe(true);

    const started = Date.now();
    const reply = await new Promise<string>((resolve) => {
      const socket = net.connect(httpsPort, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: shop.example.com\r\n\r\n'));
      let got = '';
      socket.on('data', (c: Buffer) => void (got += c.toString('latin1')));
      socket.once('error', () => resolve(got));
      socket.once('close', () => resolve(got));
    });
    expect(reply).toBe('');
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(b1.seen).toEqual([]);

    const { summary } = simulate('not-tls', 'passthrough');
    expect(summary.responses).toEqual([]);
    expect(summary.failures[0]?.reason).toBe('connection-reset');
  }, TEST_MS);

  it.each(['v1', 'v2'] as const)('PROXY %s: the backend parses the header and learns the client\'s address and port', async (version) => {
    const b1 = await tlsBackend('backend-1', 'site', true);
    const { httpsPort, config } = await startLb('passthrough', { proxyProtocol: version }, [b1]);
    expect(config).toContain(version === 'v1' ? 'send-proxy\n' : 'send-proxy-v2');
    const ex = await httpsExchange({ port: httpsPort, ca: root() });
    expect(report(ex.body).exporter).toBe(ex.exporter);
    const header = b1.proxyHeaders.find((h) => h.sourcePort === ex.localPort);
    expect(header).toMatchObject({ version: version === 'v1' ? 1 : 2, command: 'PROXY', sourceAddress: '127.0.0.1', destinationPort: httpsPort });

    const { summary } = simulate('client-ip', 'passthrough', { proxyProtocol: version });
    expect(summary.backendSawClientIp).toBe(CLIENT_ADDRESS);
  }, TEST_MS);
});

describe('offloading: HAProxy terminates TLS and sends cleartext HTTP', () => {
  it('the backend gets plain HTTP with X-Forwarded-For appended and X-Forwarded-Proto: https', async () => {
    const { httpsPort, config } = await startLb('offload', {}, [await startHttpBackend('backend-1'), await startHttpBackend('backend-2')]);
    expect(config).toContain(`ssl crt ${files.bundle('site')}`);
    const ex = await httpsExchange({ port: httpsPort, ca: root(), headers: { 'X-Forwarded-For': '6.6.6.6' } });
    const seen = report(ex.body);
    expect(ex.peerCn).toBe('shop.example.com');
    expect(seen.tls).toBe(false);
    expect(seen.headers['x-forwarded-for']).toBe('6.6.6.6, 127.0.0.1');
    expect(seen.headers['x-forwarded-proto']).toBe('https');

    // Same shape in the simulator: the forged value first, the address the LB saw last.
    const { timeline } = simulate('xff-forged', 'offload');
    const added = timeline.events.find((e) => e.type === 'lb.headerAdded');
    expect(added?.type === 'lb.headerAdded' && added.detail.value).toBe(`6.6.6.6, ${CLIENT_ADDRESS}`);
  }, TEST_MS);

  it('overwrites X-Forwarded-For when append is off', async () => {
    const { httpsPort } = await startLb('offload', { forwardedForAppend: false }, [await startHttpBackend('backend-1')]);
    const seen = report((await httpsExchange({ port: httpsPort, ca: root(), headers: { 'X-Forwarded-For': '6.6.6.6' } })).body);
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');
    const { timeline } = simulate('xff-forged', 'offload', { forwardedForAppend: false });
    const added = timeline.events.find((e) => e.type === 'lb.headerAdded');
    expect(added?.type === 'lb.headerAdded' && added.detail.value).toBe(CLIENT_ADDRESS);
  }, TEST_MS);

  it('cookie persistence: HAProxy inserts SERVERID, strips it before the backend, and keeps the client on one server', async () => {
    const { httpsPort } = await startLb('offload', { stickyCookie: true }, [await startHttpBackend('backend-1'), await startHttpBackend('backend-2')]);
    const first = await httpsExchange({ port: httpsPort, ca: root() });
    const pinned = report(first.body).backend;
    const cookie = first.setCookies.find((c) => c.startsWith('SERVERID='));
    expect(cookie?.split(';')[0]).toBe(`SERVERID=${pinned}`);
    // The same cookie as the simulator's `SERVERID=<id>; Path=/; HttpOnly` (HAProxy writes "path" in lower case).
    expect(cookie?.split(';').map((p) => p.trim().toLowerCase()).sort()).toEqual(['httponly', 'path=/', `serverid=${pinned}`]);
    // A difference: `nocache` makes HAProxy add "private" only to responses that are cacheable (this one carries no
    // Cache-Control, so none is added); the simulator adds Cache-Control: private whenever it inserts the cookie.
    expect(first.headers['cache-control']).toBeUndefined();
    for (let i = 0; i < 3; i++) {
      const again = report((await httpsExchange({ port: httpsPort, ca: root(), headers: { Cookie: `SERVERID=${pinned}` } })).body);
      expect(again.backend).toBe(pinned);
      expect(again.headers.cookie).toBeUndefined();
    }
  }, TEST_MS);

  it('client certificates: HAProxy requires one and tells the backend CN=alice, replacing a forged header', async () => {
    const { httpsPort } = await startLb('offload', { clientCertificate: true }, [await startHttpBackend('backend-1')]);
    await expect(httpsExchange({ port: httpsPort, ca: root() })).rejects.toThrow();
    const ex = await httpsExchange({
      port: httpsPort, ca: root(), cert: files.certPem('clientAlice'), key: files.keyPem('client'),
      headers: { 'X-SSL-Client-Cert-Subject': 'CN=mallory' },
    });
    expect(report(ex.body).headers['x-ssl-client-cert-subject']).toBe('CN=alice');
    const { timeline } = simulate('mtls', 'offload');
    expect(timeline.events.some((e) => e.type === 'lb.headerAdded' && e.detail.clientCertSubject === 'CN=alice')).toBe(true);
  }, TEST_MS);

  it('login rate rule: the third POST /login within 10 s gets 429, as in the simulator', async () => {
    const { httpsPort } = await startLb('offload', { loginRateLimit: 2 }, [await startHttpBackend('backend-1')]);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await httpsExchange({ port: httpsPort, ca: root(), method: 'POST', path: '/login', body: 'user=alice&password=x' })).status);
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(simulate('login-burst', 'offload', { loginRateLimit: 2 }).summary.responses.slice(0, 4)).toEqual([200, 200, 429, 429]);
  }, TEST_MS);
});

describe('bridging: HAProxy terminates TLS and opens a second, verified TLS session', () => {
  it('the backend\'s TLS peer is HAProxy (SNI backend-N.internal, another session than the client\'s)', async () => {
    const { httpsPort, config } = await startLb('bridge', {}, [await tlsBackend('backend-1', 'backend-1'), await tlsBackend('backend-2', 'backend-2')]);
    expect(config).toContain(`ssl verify required ca-file ${files.cert('internalCa')}`);
    const ex = await httpsExchange({ port: httpsPort, ca: root() });
    const seen = report(ex.body);
    expect(ex.peerCn).toBe('shop.example.com');
    expect(seen.tls).toBe(true);
    expect(seen.servername).toBe(`${seen.backend}.internal`);
    expect(seen.exporter).not.toBe(ex.exporter);
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');

    const { summary } = simulate('basic', 'bridge');
    expect(summary.tlsSessions.some((s) => s.client === 'client' && s.server === 'lb')).toBe(true);
    expect(summary.tlsSessions.some((s) => s.client === 'lb' && s.server.startsWith('backend-'))).toBe(true);
  }, TEST_MS);

  it('verify required refuses an impostor signed by another CA', async () => {
    const impostor = await tlsBackend('backend-2', 'impostorBackend');
    const { httpsPort } = await startLb('bridge', {}, [impostor]);
    const refused = await httpsExchange({ port: httpsPort, ca: root() });
    // HAProxy answers 503 (its only server failed the handshake); the simulator's LB answers 502. Both are the
    // load balancer refusing, and in both the impostor never sees a byte of HTTP.
    expect(refused.status).toBe(503);
    expect(impostor.seen).toEqual([]);
    const sim = simulate('impostor-backend', 'bridge');
    expect(sim.timeline.events.some((e) => e.type === 'lb.backendRejected' && e.detail.backend === 'backend-2')).toBe(true);
    expect(sim.summary.responses).toContain(502);
  }, TEST_MS);

  it('verify none hands the impostor the decrypted request, as the simulator\'s impostor-unverified shows', async () => {
    const impostor = await tlsBackend('backend-2', 'impostorBackend');
    const { httpsPort, config } = await startLb('bridge', { verifyBackendCertificate: false }, [impostor]);
    expect(config).toContain('ssl verify none');
    const ex = await httpsExchange({ port: httpsPort, ca: root(), method: 'POST', path: '/login', body: 'user=alice&password=secret' });
    expect(ex.status).toBe(200);
    expect(impostor.seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /login']);
    const sim = simulate('impostor-unverified', 'bridge');
    expect(sim.summary.backendPerRequest.some((r) => r.servedBy === 'backend-2' && r.status === 200)).toBe(true);
  }, TEST_MS);

  it('the common recipe `sni req.hdr(host)` fails against per-backend certificates (why the export sets sni per server)', async () => {
    const { httpsPort } = await startLb('bridge', {}, [await tlsBackend('backend-1', 'backend-1')], (text) => text.replace(/sni str\([^)]*\)/g, 'sni req.hdr(host)'));
    // HAProxy now sends SNI shop.example.com and checks backend-1's certificate against that name.
    expect((await httpsExchange({ port: httpsPort, ca: root() })).status).toBe(503);
  }, TEST_MS);
});

describe('TLS versions: HAProxy accepts exactly the versions the export names for the run\'s protocol', () => {
  /**
   * The version a handshake limited to [min, max] negotiates with HAProxy, or "refused: <code>". The client allows
   * security level 0 so that it really sends a TLS 1.1 ClientHello: the refusal must come from HAProxy's side.
   */
  const handshake = (port: number, minVersion: tls.SecureVersion, maxVersion: tls.SecureVersion): Promise<string> => new Promise((resolve) => {
    const socket = tls.connect({
      host: '127.0.0.1', port, servername: 'shop.example.com', ca: [root()], minVersion, maxVersion, ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    socket.once('secureConnect', () => {
      resolve(socket.getProtocol() ?? '');
      socket.destroy();
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`refused: ${error.code ?? error.message}`));
  });

  it('tls1.3 exports TLS 1.3 only: a TLS 1.2 client gets a protocol_version alert, as the simulator ran 1.3', async () => {
    const { httpsPort, config } = await startLb('offload', { protocol: 'tls1.3' }, [await startHttpBackend('backend-1')]);
    expect(config).toContain('ssl-min-ver TLSv1.3');
    expect(await handshake(httpsPort, 'TLSv1.3', 'TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake(httpsPort, 'TLSv1.2', 'TLSv1.2')).toBe('refused: ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
    expect(new Set(simulate('basic', 'offload', { protocol: 'tls1.3' }).timeline.sessions.map((s) => s.version))).toEqual(new Set(['TLS 1.3']));
  }, TEST_MS);

  it.each(['tls1.2', 'tls1.1'] as const)('%s exports TLS 1.2 and 1.3; the lab\'s TLS 1.1 is refused', async (protocol) => {
    const { httpsPort } = await startLb('offload', { protocol }, [await startHttpBackend('backend-1')]);
    expect(await handshake(httpsPort, 'TLSv1.2', 'TLSv1.2')).toBe('TLSv1.2');
    expect(await handshake(httpsPort, 'TLSv1.3', 'TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake(httpsPort, 'TLSv1.1', 'TLSv1.1')).toBe('refused: ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION');
  }, TEST_MS);

  it('the museum comment is right: TLS 1.1 needs both a lower ssl-min-ver and security level 0 in OpenSSL 3', async () => {
    const museum = (cipherLine: boolean) => (text: string): string => text.replace(
      /ssl-default-bind-options ssl-min-ver TLSv1\.2 ssl-max-ver TLSv1\.3/,
      `ssl-default-bind-options ssl-min-ver TLSv1.1 ssl-max-ver TLSv1.3${cipherLine ? '\n    ssl-default-bind-ciphers AES128-SHA:@SECLEVEL=0' : ''}`,
    );
    const lowered = await startLb('offload', { protocol: 'tls1.1' }, [await startHttpBackend('backend-1')], museum(false));
    expect(lowered.config).toContain('ssl-min-ver TLSv1.1');
    expect(await handshake(lowered.httpsPort, 'TLSv1.1', 'TLSv1.1')).toMatch(/^refused: /);
    await haproxy?.stop();
    const both = await startLb('offload', { protocol: 'tls1.1' }, [await startHttpBackend('backend-2')], museum(true));
    expect(await handshake(both.httpsPort, 'TLSv1.1', 'TLSv1.1')).toBe('TLSv1.1');
  }, TEST_MS);
});
