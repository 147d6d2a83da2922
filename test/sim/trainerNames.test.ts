/**
 * A trainer's scenario brings its own hostnames, and they must be the names the learner sees everywhere: in the
 * ClientHello's SNI, in the certificate the demo public CA signed, in the Host header, in the capture as Wireshark
 * reads it, and in the generated configurations (which the real HAProxy accepts). No trace of the lab's own
 * shop.example.com may remain. Every mode and every TLS version.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_OPTIONS, MODES, TLS_PROTOCOLS, exportPcapng, generateLabPki, realConfigurations, runScenario, siteNamesOf,
} from '../../src/sim/engine';
import type { LabPki, Mode, Scenario, Timeline, TlsProtocol } from '../../src/sim/engine';
import { HAPROXY } from './helpers/haproxyProcess';
import { writePkiFiles } from './helpers/pkiFiles';

const SITE = 'training.acme.test';
const API = 'api.acme.test';
const ACME: Scenario = {
  id: 'acme-login',
  title: 'Acme login',
  summary: 'A trainer-authored visit.',
  hostname: SITE,
  apiHostname: API,
  fromFile: true,
  requests: [
    { method: 'GET', path: '/', purpose: 'GET /' },
    { method: 'POST', path: '/login', body: 'user=alice&password=acme-secret', headers: [['Content-Type', 'application/x-www-form-urlencoded']], purpose: 'POST /login' },
    { method: 'GET', path: '/api/status', host: API, purpose: 'GET /api/status' },
  ],
  options: { poolRouting: true },
};

const TSHARK = '/usr/bin/tshark';
const run = promisify(execFile);
let dir: string;
let pki: LabPki;
const timelines = new Map<string, Timeline>();
const key = (mode: Mode, protocol: TlsProtocol): string => `${mode}-${protocol}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pl-trainer-names-'));
  pki = await generateLabPki(siteNamesOf(ACME));
  for (const mode of MODES) {
    for (const protocol of TLS_PROTOCOLS) {
      const timeline = runScenario(ACME, { mode, seed: 1, options: { protocol } }, pki);
      timelines.set(key(mode, protocol), timeline);
      writeFileSync(join(dir, `${key(mode, protocol)}.pcapng`), exportPcapng(timeline));
    }
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every value of each field over the whole capture, decrypted with the secrets the capture embeds. */
async function fields(file: string, names: readonly string[]): Promise<Record<string, string[]>> {
  const { stdout } = await run(TSHARK, ['-r', join(dir, file), '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,', ...names.flatMap((f) => ['-e', f])], { timeout: 10_000, maxBuffer: 16 << 20 });
  const out: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (const line of stdout.split('\n').filter((l) => l !== '')) {
    line.split('\t').forEach((cell, i) => { if (cell) out[names[i]!]!.push(...cell.split(',')); });
  }
  return out;
}

describe.each(MODES)('a trainer scenario with its own hostnames, %s', (mode) => {
  it.each(TLS_PROTOCOLS)('%s: every request is answered, by the names the file gave', (protocol) => {
    const t = timelines.get(key(mode, protocol))!;
    expect(t.names.site).toBe(SITE);
    expect(t.client.failures).toEqual([]);
    expect(t.client.responses.map((r) => r.status)).toEqual([200, 200, 200]);
    const sent = t.events.flatMap((e) => (e.type === 'http.requestSent' ? [e.detail.host] : []));
    expect(sent).toEqual([SITE, SITE, API]);
    const resolved = t.events.flatMap((e) => (e.type === 'dns.resolved' ? [e.detail.name] : []));
    expect(new Set(resolved)).toEqual(new Set([SITE, API]));
  });

  it.each(TLS_PROTOCOLS)('%s: Wireshark reads the SNI, the certificate names and the Host headers as the file\'s', async (protocol) => {
    const got = await fields(`${key(mode, protocol)}.pcapng`, ['tls.handshake.extensions_server_name', 'x509ce.dNSName', 'http.host', 'x509sat.printableString', 'x509sat.uTF8String']);
    const clientSni = new Set(got['tls.handshake.extensions_server_name']!.filter((n) => !n.endsWith('.internal')));
    expect(clientSni).toEqual(new Set([SITE, API]));
    expect(got['x509ce.dNSName']).toContain(SITE);
    expect(got['x509ce.dNSName']).toContain(API);
    expect(new Set(got['http.host'])).toEqual(new Set([SITE, API]));
    const everything = Object.values(got).flat().join(' ');
    expect(everything).not.toMatch(/example\.com/);
  });
});

describe('the generated configurations carry the trainer\'s names', () => {
  let files: Awaited<ReturnType<typeof writePkiFiles>>;
  beforeAll(async () => {
    files = await writePkiFiles(mkdtempSync(join(dir, 'pki-')), { realClock: false, pki });
  });

  it.each(MODES)('%s: HAProxy routes and checks by them, and haproxy -c accepts the file', (mode) => {
    const options = { ...DEFAULT_OPTIONS, poolRouting: true, waf: false };
    const configs = realConfigurations(mode, options, {
      names: siteNamesOf(ACME),
      haproxy: { siteBundle: files.bundle('site'), internalCa: files.cert('internalCa'), clientCa: files.cert('clientCa'), corazaSpoe: join(dir, 'coraza-spoe.cfg') },
    });
    const haproxy = configs.find((c) => c.filename === 'haproxy.cfg')!;
    expect(haproxy.text).toContain(API);
    for (const c of configs) expect(`${c.text}\n${c.notes.join('\n')}`, c.filename).not.toMatch(/shop\.example\.com|api\.example\.com/);
    const file = join(dir, `${mode}-haproxy.cfg`);
    writeFileSync(file, haproxy.text);
    const check = spawnSync(HAPROXY, ['-c', '-q', '-f', file], { encoding: 'utf8', timeout: 10_000 });
    expect(check.status, `${check.stdout}${check.stderr}\n${haproxy.text}`).toBe(0);
  });
});

describe('key material made for other names', () => {
  it('is refused with a clear message instead of failing every handshake', async () => {
    const lab = await generateLabPki();
    expect(() => runScenario(ACME, { mode: 'offload', seed: 1 }, lab)).toThrow(/made for shop\.example\.com.*not for training\.acme\.test/);
  });
});
