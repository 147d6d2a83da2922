/**
 * Capture export, checked by the real Wireshark dissectors: every mode's 'basic' run goes through exportPcapng,
 * then tshark must read it cleanly, agree with the engine on every header field, verify the checksums, dissect
 * the TLS handshakes and find HTTP exactly where the mode puts readable bytes — decrypted with the embedded
 * secrets (DSB), with a separate key log, or in the clear, and nowhere without keys on a TLS hop.
 * These runs pin node-forge's TLS 1.1 (RSA key transport, CBC); captureModern.test.ts covers TLS 1.2 and 1.3.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS, CLIENT_ADDRESS, LB_VIP, MODES, SIM_DATE, SITE_HOSTNAME, exportKeyLog, exportPcapng, findScenario, generateLabPki,
  runScenario,
} from '../../src/sim/engine';
import type { LabPki, LinkId, Mode, RunOptions, SegmentSentEvent, Timeline } from '../../src/sim/engine';

const TSHARK = '/usr/bin/tshark';
/** Each tshark run reads a ~17 KB file; anything slower than this is a hang. */
const TSHARK_TIMEOUT_MS = 5_000;
/** Every TLS hop with the keys: ClientHello, ServerHello, Certificate, ServerHelloDone, ClientKeyExchange, Finished. */
const FULL_HANDSHAKE = ['1', '2', '11', '14', '16', '20'];
/** The same hop without keys: Finished travels encrypted, so tshark cannot name it. */
const CLEAR_HANDSHAKE = ['1', '2', '11', '14', '16'];
const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];
/** PROXY v2 is binary; the TLS dissector on port 443 claims it unless heuristics (PROXY's included) go first. */
const HEURISTICS_FIRST = ['-o', 'tcp.try_heuristic_first:TRUE'];

const run = promisify(execFile);
let dir: string;
let pki: LabPki;
const timelines = new Map<string, Timeline>();

async function tshark(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run(TSHARK, args, { timeout: TSHARK_TIMEOUT_MS, maxBuffer: 16 << 20 });
  // tshark warns on every run as root; that line says nothing about the file.
  return { stdout, stderr: stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Running as user')).join('\n') };
}

type Row = Record<string, string[]>;

/** One row per frame, every field a list (tshark's -E occurrence=a, aggregated with ','). */
async function dissect(file: string, fields: readonly string[], extra: readonly string[] = []): Promise<Row[]> {
  const { stdout, stderr } = await tshark([
    '-r', file, ...CHECKSUMS, ...extra, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,',
    ...fields.flatMap((f) => ['-e', f]),
  ]);
  expect(stderr).toBe('');
  return stdout.split('\n').filter((l) => l !== '').map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(fields.map((f, i) => [f, cells[i] ? cells[i]!.split(',') : []]));
  });
}

const TLS_FIELDS = [
  'frame.interface_name', 'tls.handshake.type', 'tls.handshake.extensions_server_name', 'tls.handshake.random',
  'tls.record.content_type', 'http.request.method', 'http.response.code',
] as const;

function onLink(rows: readonly Row[], link: LinkId): Row[] {
  return rows.filter((r) => r['frame.interface_name']![0] === link);
}
const all = (rows: readonly Row[], field: string): string[] => rows.flatMap((r) => r[field]!);
const handshakeTypes = (rows: readonly Row[]): string[] => [...new Set(all(rows, 'tls.handshake.type'))].sort((a, b) => Number(a) - Number(b));
const httpRows = (rows: readonly Row[]): Row[] => rows.filter((r) => r['http.request.method']!.length + r['http.response.code']!.length > 0);
/** The random of the first message of type `type` (1 ClientHello, 2 ServerHello) on these rows. */
const randomOf = (rows: readonly Row[], type: string): string | undefined =>
  rows.find((r) => r['tls.handshake.type']![0] === type)?.['tls.handshake.random']![0];

/** What the client asked and got, from the engine's own notes: the HTTP tshark must find on a readable hop. */
function expectedHttp(timeline: Timeline): { methods: string[]; codes: string[] } {
  const methods: string[] = [];
  const codes: string[] = [];
  for (const e of timeline.events) {
    if (e.type === 'http.requestSent') methods.push(e.detail.method);
    if (e.type === 'http.responseReceived') codes.push(String(e.detail.status));
  }
  return { methods, codes };
}

function expectHttpOn(rows: readonly Row[], timeline: Timeline, via: 'tls' | 'clear'): void {
  const { methods, codes } = expectedHttp(timeline);
  expect(all(rows, 'http.request.method')).toEqual(methods);
  expect(all(rows, 'http.response.code')).toEqual(codes);
  // Decrypted HTTP sits in TLS application_data records (content type 23); clear HTTP has no TLS under it.
  for (const r of httpRows(rows)) expect(r['tls.record.content_type']!.includes('23')).toBe(via === 'tls');
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const timeline = (key: string): Timeline => timelines.get(key)!;

beforeAll(async () => {
  if (!existsSync(TSHARK)) throw new Error(`${TSHARK} not found: install Debian's tshark package (.ci/run does).`);
  dir = mkdtempSync(join(tmpdir(), 'passthrough-lab-capture-'));
  pki = await generateLabPki();
  const basic = findScenario('basic')!;
  const runs: Array<[string, Mode, Partial<RunOptions>]> = [
    ...MODES.map((m): [string, Mode, Partial<RunOptions>] => [m, m, {}]),
    ['proxy-v1', 'passthrough', { proxyProtocol: 'v1' }],
    ['proxy-v2', 'passthrough', { proxyProtocol: 'v2' }],
  ];
  for (const [key, mode, options] of runs) {
    const t = runScenario(basic, { mode, seed: 1, options: { protocol: 'tls1.1', ...options } }, pki);
    timelines.set(key, t);
    write(`${key}.pcapng`, exportPcapng(t));
    write(`${key}-nokeys.pcapng`, exportPcapng(t, { embedSecrets: false }));
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('exportKeyLog', () => {
  it('writes one CLIENT_RANDOM line per TLS session, after a comment line', () => {
    for (const [mode, sessions] of [['passthrough', 1], ['offload', 1], ['bridge', 2]] as const) {
      const t = timeline(mode);
      const lines = exportKeyLog(t).split('\n');
      expect(lines[0]).toMatch(/^# NSS key log/);
      expect(lines.at(-1)).toBe('');
      const entries = lines.slice(1, -1);
      // Both ends record every session (2 records in passthrough, 4 in bridging); the log lists each once.
      expect(entries).toHaveLength(sessions);
      expect(t.sessions.length).toBe(sessions * 2);
      for (const line of entries) expect(line).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/);
      expect(new Set(entries.map((l) => l.split(' ')[1]))).toEqual(new Set(t.sessions.map((s) => s.clientRandomHex)));
    }
  });
});

describe('exportPcapng', () => {
  it('is deterministic and holds a DSB (block type 10) only when asked to embed the secrets', () => {
    const t = timeline('bridge');
    const withKeys = exportPcapng(t);
    expect(exportPcapng(t)).toEqual(withKeys);
    const blockTypes = (bytes: Uint8Array): number[] => {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const types: number[] = [];
      for (let at = 0; at < bytes.length; at += view.getUint32(at + 4, true)) types.push(view.getUint32(at, true));
      return types;
    };
    const packets = segments(t).length;
    expect(blockTypes(withKeys)).toEqual([0x0a0d0d0a, 1, 1, 10, ...Array<number>(packets).fill(6)]);
    expect(blockTypes(exportPcapng(t, { embedSecrets: false }))).toEqual([0x0a0d0d0a, 1, 1, ...Array<number>(packets).fill(6)]);
  });
});

describe('tshark reads the capture', () => {
  it.each(MODES)('%s: no damage, no warnings from the expert system', async (mode) => {
    const { stdout, stderr } = await tshark(['-r', join(dir, `${mode}.pcapng`), ...CHECKSUMS, '-q', '-z', 'expert,warn']);
    expect(stderr).not.toMatch(/appears to be damaged|corrupt|cut short/i);
    expect(stderr).toBe('');
    // With the threshold at "warn" and checksum validation on, an empty report means no malformed packet, no
    // lost or unseen segment, no bad checksum.
    expect(stdout.trim()).toBe('');
  });

  it('agrees with the engine on every frame: link, time, length, addresses, seq/ack, IP ID, TTL, DF, checksums', async () => {
    const t = timeline('bridge');
    const rows = await dissect(join(dir, 'bridge.pcapng'), [
      'frame.interface_name', 'frame.time_epoch', 'frame.len', 'eth.src', 'ip.src', 'ip.dst', 'ip.id', 'ip.ttl', 'ip.flags.df',
      'ip.checksum.status', 'tcp.srcport', 'tcp.dstport', 'tcp.seq_raw', 'tcp.ack_raw', 'tcp.checksum.status',
    ]);
    const events = segments(t);
    expect(rows).toHaveLength(events.length);
    const baseMicros = BigInt(SIM_DATE.getTime()) * 1000n;
    const lastId = new Map<string, number>();
    const macs = new Map<string, string>();
    events.forEach((e, i) => {
      const r = rows[i]!;
      const [seconds, fraction] = r['frame.time_epoch']![0]!.split('.') as [string, string];
      expect(BigInt(seconds) * 1_000_000n + BigInt(fraction.slice(0, 6))).toBe(baseMicros + BigInt(Math.round(e.t * 1000)));
      expect(r['frame.interface_name']).toEqual([e.link]);
      expect(Number(r['frame.len']![0])).toBe(14 + 20 + 20 + e.payload.length);
      expect([r['ip.src']![0], r['ip.dst']![0], Number(r['tcp.srcport']![0]), Number(r['tcp.dstport']![0])])
        .toEqual([e.src.ip, e.dst.ip, e.src.port, e.dst.port]);
      expect(Number(r['tcp.seq_raw']![0])).toBe(e.seq);
      if (e.flags.includes('ACK')) expect(Number(r['tcp.ack_raw']![0])).toBe(e.ack);
      // Checksum status 1 is "Good" (0 is "Bad", 2 "Unverified"): every header verified and correct.
      expect([r['ip.checksum.status'], r['tcp.checksum.status']]).toEqual([['1'], ['1']]);
      expect([r['ip.ttl'], r['ip.flags.df']]).toEqual([['64'], ['1']]);
      const id = Number(r['ip.id']![0]);
      const previous = lastId.get(e.from);
      if (previous !== undefined) expect(id).toBe((previous + 1) & 0xffff);
      lastId.set(e.from, id);
      // One MAC per node and link, never shared.
      const key = `${e.from}@${e.link}`;
      const mac = r['eth.src']![0]!;
      expect(macs.get(key) ?? mac).toBe(mac);
      macs.set(key, mac);
    });
    expect(new Set(macs.values()).size).toBe(macs.size);
  });

  it('sees a bad checksum as bad (the checks above are real)', async () => {
    const bytes = exportPcapng(timeline('passthrough'), { embedSecrets: false });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const frames: number[] = [];
    for (let at = 0; at < bytes.length; at += view.getUint32(at + 4, true)) if (view.getUint32(at, true) === 6) frames.push(at + 28);
    bytes[frames[0]! + 14 + 8]! ^= 0x01; // frame 1: the TTL, covered by the IP header checksum only
    bytes[frames[1]! + 14 + 20 + 16]! ^= 0x01; // frame 2: the TCP checksum itself
    const rows = await dissect(write('corrupt.pcapng', bytes), ['ip.checksum.status', 'tcp.checksum.status']);
    expect(rows.slice(0, 3).map((r) => [r['ip.checksum.status']![0], r['tcp.checksum.status']![0]])).toEqual([['0', '1'], ['1', '0'], ['1', '1']]);
  });
});

describe('with the embedded secrets (DSB), HTTP appears exactly where the mode makes it readable', () => {
  it('passthrough: one TLS session, client to backend, decrypted on both links', async () => {
    const t = timeline('passthrough');
    const rows = await dissect(join(dir, 'passthrough.pcapng'), TLS_FIELDS);
    const internet = onLink(rows, 'internet');
    const internal = onLink(rows, 'internal');
    expect(handshakeTypes(internet)).toEqual(FULL_HANDSHAKE);
    expect(handshakeTypes(internal)).toEqual(FULL_HANDSHAKE);
    // The LB copies the bytes: the same ClientHello (SNI included) and ServerHello on both links.
    expect(all(internet, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
    expect(all(internal, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
    expect(randomOf(internal, '1')).toBe(randomOf(internet, '1'));
    expect(randomOf(internal, '2')).toBe(randomOf(internet, '2'));
    expect(randomOf(internet, '1')).toBe(t.sessions[0]!.clientRandomHex);
    expectHttpOn(internet, t, 'tls');
    expectHttpOn(internal, t, 'tls');
  });

  it('offloading: decrypted on the internet link, plain HTTP on the internal link', async () => {
    const t = timeline('offload');
    const rows = await dissect(join(dir, 'offload.pcapng'), TLS_FIELDS);
    const internet = onLink(rows, 'internet');
    const internal = onLink(rows, 'internal');
    expect(handshakeTypes(internet)).toEqual(FULL_HANDSHAKE);
    expect(all(internet, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
    expect(all(internal, 'tls.record.content_type')).toEqual([]);
    expectHttpOn(internet, t, 'tls');
    expectHttpOn(internal, t, 'clear');
  });

  it('bridging: two TLS sessions, each decrypted on its own link', async () => {
    const t = timeline('bridge');
    const rows = await dissect(join(dir, 'bridge.pcapng'), TLS_FIELDS);
    const internet = onLink(rows, 'internet');
    const internal = onLink(rows, 'internal');
    expect(handshakeTypes(internet)).toEqual(FULL_HANDSHAKE);
    expect(handshakeTypes(internal)).toEqual(FULL_HANDSHAKE);
    expect(all(internet, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
    // The LB's own ClientHello names the backend it connects to.
    expect(BACKENDS.map((b) => b.hostname)).toContain(all(internal, 'tls.handshake.extensions_server_name')[0]);
    const randoms = [randomOf(internet, '1'), randomOf(internal, '1')];
    expect(new Set(randoms).size).toBe(2);
    expect(new Set(randoms)).toEqual(new Set(t.sessions.map((s) => s.clientRandomHex)));
    expectHttpOn(internet, t, 'tls');
    expectHttpOn(internal, t, 'tls');
  });
});

describe('without keys, no HTTP on a TLS hop', () => {
  it.each(MODES)('%s', async (mode) => {
    const t = timeline(mode);
    const rows = await dissect(join(dir, `${mode}-nokeys.pcapng`), TLS_FIELDS);
    for (const link of ['internet', 'internal'] as const) {
      const hop = onLink(rows, link);
      if (mode === 'offload' && link === 'internal') {
        expectHttpOn(hop, t, 'clear'); // nothing to decrypt: anyone on this link reads it
        continue;
      }
      expect(handshakeTypes(hop)).toEqual(CLEAR_HANDSHAKE);
      expect(httpRows(hop)).toEqual([]);
    }
  });

  it('a separate key log file (tls.keylog_file) decrypts the capture written without secrets', async () => {
    const t = timeline('bridge');
    const keylog = write('bridge.keys', exportKeyLog(t));
    const rows = await dissect(join(dir, 'bridge-nokeys.pcapng'), TLS_FIELDS, ['-o', `tls.keylog_file:${keylog}`]);
    expectHttpOn(onLink(rows, 'internet'), t, 'tls');
    expectHttpOn(onLink(rows, 'internal'), t, 'tls');
  });
});

describe('PROXY protocol headers are dissected where the LB sent them', () => {
  it.each([['v1', '1'], ['v2', '2']] as const)('passthrough with PROXY %s', async (version, number) => {
    const t = timeline(`proxy-${version}`);
    const rows = await dissect(join(dir, `proxy-${version}.pcapng`), [
      ...TLS_FIELDS, 'proxy.v1.proto', 'proxy.v2.version', 'proxy.v2.cmd', 'proxy.src.ipv4', 'proxy.srcport', 'proxy.dst.ipv4', 'proxy.dstport',
    ], HEURISTICS_FIRST);
    const headers = rows.filter((r) => r['proxy.src.ipv4']!.length > 0);
    expect(headers).toHaveLength(1);
    const h = headers[0]!;
    const clientSyn = segments(t).find((e) => e.from === 'client')!;
    expect(h['frame.interface_name']).toEqual(['internal']);
    expect([h['proxy.src.ipv4'], h['proxy.srcport'], h['proxy.dst.ipv4'], h['proxy.dstport']])
      .toEqual([[CLIENT_ADDRESS], [String(clientSyn.src.port)], [LB_VIP], ['443']]);
    if (number === '1') expect(h['proxy.v1.proto']).toEqual(['TCP4']);
    else expect([h['proxy.v2.version'], h['proxy.v2.cmd']]).toEqual([['2'], ['1']]); // version 2, command PROXY
    // The TLS session after the header is still recognised and decrypted on the internal link.
    expectHttpOn(onLink(rows, 'internal'), t, 'tls');
    expectHttpOn(onLink(rows, 'internet'), t, 'tls');
  });
});
