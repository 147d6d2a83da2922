/**
 * Captures of the lab's TLS 1.2 (ECDHE, AES-128-GCM) and TLS 1.3 engines, checked by the real Wireshark dissectors:
 * tshark must see the version that ran, the SNI and ALPN, and HTTP exactly on the hops the mode makes readable with
 * the key log, nowhere without it. TLS 1.3 hides the server certificate from a keyless observer (TLS 1.2 does not),
 * its key log's four secrets each open only their own stage, and a flipped byte ends in bad_record_mac.
 * Each protocol x mode is run once; each capture is dissected once per key set (tshark costs ~0.6 s a call).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS, MODES, PROTOCOLS, SITE_HOSTNAME, exportKeyLog, exportPcapng, findScenario, generateLabPki, runScenario,
} from '../../src/sim/engine';
import type { LinkId, Mode, SegmentSentEvent, Timeline, TlsProtocol } from '../../src/sim/engine';

const TSHARK = '/usr/bin/tshark';
/** A hang guard, not a budget: a call takes ~0.6 s alone, a few seconds on a loaded 2-core machine. */
const TSHARK_TIMEOUT_MS = 30_000;
/** Wireshark's expert severities (epan/proto.h): comment 0x100000, chat 0x200000, note 0x400000, warn 0x600000, error 0x800000. */
const PI_WARN = 0x600000;
const CHECKSUMS = ['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE'];

type Modern = Extract<TlsProtocol, 'tls1.2' | 'tls1.3'>;
const MODERN: readonly Modern[] = ['tls1.2', 'tls1.3'];

/** What tshark must report for each engine, written out from the RFCs rather than read back from the engine. */
const WIRE: Readonly<Record<Modern, {
  /** ServerHello.supported_versions (RFC 8446 §4.2.1); TLS 1.2 negotiates with legacy_version alone. */
  readonly selectedVersion: string | null;
  readonly suite: string;
  /** Handshake message types tshark names with the keys, and without them. */
  readonly withKeys: readonly string[];
  readonly withoutKeys: readonly string[];
}>> = {
  // ClientHello, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, ClientKeyExchange, Finished.
  'tls1.2': { selectedVersion: null, suite: '0xc02f', withKeys: ['1', '2', '11', '12', '14', '16', '20'], withoutKeys: ['1', '2', '11', '12', '14', '16'] },
  // ClientHello, ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished: all but the hellos encrypted.
  'tls1.3': { selectedVersion: '0x0304', suite: '0x1301', withKeys: ['1', '2', '8', '11', '15', '20'], withoutKeys: ['1', '2'] },
};

const FIELDS = [
  'frame.interface_name', 'tls.handshake.type', 'tls.handshake.extensions_server_name', 'tls.handshake.random',
  'tls.handshake.version', 'tls.handshake.extensions.supported_version', 'tls.handshake.ciphersuite',
  'tls.handshake.extensions_alpn_str', 'x509ce.dNSName', 'tls.record.content_type', 'tls.record.opaque_type',
  'tls.alert_message.level', 'tls.alert_message.desc', 'http.request.method', 'http.response.code', '_ws.expert.severity',
] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string[]>;

const run = promisify(execFile);
let dir: string;
const timelines = new Map<string, Timeline>();
const dissections = new Map<string, Promise<Row[]>>();

async function tshark(args: readonly string[]): Promise<{ stdout: string; stderr: string }> {
  const { stdout, stderr } = await run(TSHARK, args, { timeout: TSHARK_TIMEOUT_MS, maxBuffer: 16 << 20 });
  return { stdout, stderr: stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('Running as user')).join('\n') };
}

/** One row per frame, in capture order (so row i is the engine's i-th tcp.segmentSent), every field a list. */
async function dissect(file: string, extra: readonly string[] = []): Promise<Row[]> {
  const { stdout, stderr } = await tshark([
    '-r', file, ...CHECKSUMS, ...extra, '-T', 'fields', '-E', 'separator=/t', '-E', 'occurrence=a', '-E', 'aggregator=,',
    ...FIELDS.flatMap((f) => ['-e', f]),
  ]);
  expect(stderr).toBe('');
  return stdout.split('\n').filter((l) => l !== '').map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(FIELDS.map((f, i) => [f, cells[i] ? cells[i]!.split(',') : []])) as Row;
  });
}

/** Each file is dissected once, however many tests read it. */
function rowsOf(file: string, extra: readonly string[] = []): Promise<Row[]> {
  const key = [file, ...extra].join(' ');
  if (!dissections.has(key)) dissections.set(key, dissect(join(dir, file), extra));
  return dissections.get(key)!;
}

const key = (scenario: string, protocol: Modern, mode: Mode): string => `${scenario}-${protocol}-${mode}`;
const timeline = (k: string): Timeline => timelines.get(k)!;
const segments = (t: Timeline): SegmentSentEvent[] => t.events.filter((e): e is SegmentSentEvent => e.type === 'tcp.segmentSent');
const onLink = (rows: readonly Row[], link: LinkId): Row[] => rows.filter((r) => r['frame.interface_name'][0] === link);
const all = (rows: readonly Row[], field: Field): string[] => rows.flatMap((r) => r[field]);
const handshakeTypes = (rows: readonly Row[]): string[] => [...new Set(all(rows, 'tls.handshake.type'))].sort((a, b) => Number(a) - Number(b));
const httpRows = (rows: readonly Row[]): Row[] => rows.filter((r) => r['http.request.method'].length + r['http.response.code'].length > 0);
/** The frame that carries the first message of `type` (1 ClientHello, 2 ServerHello). */
const helloRow = (rows: readonly Row[], type: string): Row | undefined => rows.find((r) => r['tls.handshake.type'][0] === type);
const tlsLinks = (mode: Mode): LinkId[] => (mode === 'offload' ? ['internet'] : ['internet', 'internal']);

/** What the client asked and got, from the engine's own notes: the HTTP tshark must find on a readable hop. */
function expectHttpOn(rows: readonly Row[], t: Timeline, via: 'tls' | 'clear'): void {
  const methods = t.events.flatMap((e) => (e.type === 'http.requestSent' ? [e.detail.method] : []));
  const codes = t.events.flatMap((e) => (e.type === 'http.responseReceived' ? [String(e.detail.status)] : []));
  expect(methods.length).toBeGreaterThan(0);
  expect(all(rows, 'http.request.method')).toEqual(methods);
  expect(all(rows, 'http.response.code')).toEqual(codes);
  // Decrypted HTTP sits in TLS application_data records (23); cleartext HTTP has no TLS record under it.
  for (const r of httpRows(rows)) expect(r['tls.record.content_type'].includes('23')).toBe(via === 'tls');
}

/** The hello on this hop says which version and suite ran. */
function expectNegotiated(rows: readonly Row[], protocol: Modern): void {
  const wire = WIRE[protocol];
  const clientHello = helloRow(rows, '1')!;
  const serverHello = helloRow(rows, '2')!;
  // TLS 1.3 keeps 0x0303 (TLS 1.2) in legacy_version for middleboxes and negotiates in supported_versions.
  expect(clientHello['tls.handshake.version']).toEqual(['0x0303']);
  expect(serverHello['tls.handshake.version']).toEqual(['0x0303']);
  if (wire.selectedVersion) {
    expect(clientHello['tls.handshake.extensions.supported_version']).toContain(wire.selectedVersion);
    expect(serverHello['tls.handshake.extensions.supported_version']).toEqual([wire.selectedVersion]);
  } else {
    expect(serverHello['tls.handshake.extensions.supported_version']).toEqual([]);
  }
  expect(serverHello['tls.handshake.ciphersuite']).toEqual([wire.suite]);
  expect(clientHello['tls.handshake.extensions_alpn_str']).toEqual(['http/1.1']);
}

function write(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

beforeAll(async () => {
  if (!existsSync(TSHARK)) throw new Error(`${TSHARK} not found: install Debian's tshark package (.ci/run does).`);
  dir = mkdtempSync(join(tmpdir(), 'passthrough-lab-capture-modern-'));
  const pki = await generateLabPki();
  for (const scenario of ['basic', 'tamper']) {
    for (const protocol of MODERN) {
      for (const mode of MODES) {
        const t = runScenario(findScenario(scenario)!, { mode, seed: 1, options: { protocol } }, pki);
        const k = key(scenario, protocol, mode);
        timelines.set(k, t);
        write(`${k}.pcapng`, exportPcapng(t));
        write(`${k}-nokeys.pcapng`, exportPcapng(t, { embedSecrets: false }));
      }
    }
  }
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(MODERN)('%s', (protocol) => {
  const wire = WIRE[protocol];

  it('the engine ran the protocol asked for', () => {
    for (const mode of MODES) {
      const t = timeline(key('basic', protocol, mode));
      expect(t.protocol.id).toBe(protocol);
      for (const s of t.sessions) expect(s.version).toBe(PROTOCOLS[protocol].name);
      // The capture's section comment (Wireshark: Statistics › Capture File Properties) names it too.
      expect(new TextDecoder().decode(exportPcapng(t))).toContain(`${PROTOCOLS[protocol].name} (${PROTOCOLS[protocol].cipherSuite})`);
    }
  });

  it('the key log has one entry per session, in the NSS lines this version needs', () => {
    for (const [mode, sessions] of [['passthrough', 1], ['offload', 1], ['bridge', 2]] as const) {
      const t = timeline(key('basic', protocol, mode));
      const lines = exportKeyLog(t).split('\n');
      expect(lines[0]).toMatch(/^# NSS key log/);
      expect(lines.at(-1)).toBe('');
      const entries = lines.slice(1, -1).map((l) => l.split(' '));
      const randoms = new Set(t.sessions.map((s) => s.clientRandomHex));
      expect(randoms.size).toBe(sessions);
      expect(new Set(entries.map((e) => e[1]))).toEqual(randoms);
      if (protocol === 'tls1.2') {
        expect(entries).toHaveLength(sessions);
        for (const line of lines.slice(1, -1)) expect(line).toMatch(/^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$/);
      } else {
        expect(entries).toHaveLength(4 * sessions);
        for (const random of randoms) {
          expect(entries.filter((e) => e[1] === random).map((e) => e[0])).toEqual([
            'CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0',
          ]);
        }
        for (const line of lines.slice(1, -1)) expect(line).toMatch(/^[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64}$/);
        // Four different secrets per session: each direction and stage has its own.
        expect(new Set(entries.map((e) => e[2])).size).toBe(entries.length);
      }
    }
  });

  it.each(MODES)('%s, with the embedded secrets: the version, SNI and ALPN dissect, HTTP appears exactly where the mode makes it readable', async (mode) => {
    const t = timeline(key('basic', protocol, mode));
    const rows = await rowsOf(`${key('basic', protocol, mode)}.pcapng`);
    expect(rows).toHaveLength(segments(t).length);
    // Checksums verified, nothing malformed, no lost or unseen segment: the expert system has no warning or error.
    expect(all(rows, '_ws.expert.severity').filter((s) => Number(s) >= PI_WARN)).toEqual([]);
    const internet = onLink(rows, 'internet');
    const internal = onLink(rows, 'internal');
    for (const link of tlsLinks(mode)) {
      const hop = onLink(rows, link);
      expect(handshakeTypes(hop), link).toEqual(wire.withKeys);
      expectNegotiated(hop, protocol);
      expectHttpOn(hop, t, 'tls');
    }
    expect(all(internet, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
    const randoms = (hop: Row[]): string | undefined => helloRow(hop, '1')?.['tls.handshake.random'][0];
    if (mode === 'passthrough') {
      // One session from the client to the backend: the LB relayed the same hellos and the same secrets open both links.
      expect(all(internal, 'tls.handshake.extensions_server_name')).toEqual([SITE_HOSTNAME]);
      expect(randoms(internal)).toBe(randoms(internet));
      expect(helloRow(internal, '2')!['tls.handshake.random']).toEqual(helloRow(internet, '2')!['tls.handshake.random']);
      expect(new Set(t.sessions.map((s) => s.clientRandomHex))).toEqual(new Set([randoms(internet)]));
    } else if (mode === 'offload') {
      expect(all(internal, 'tls.record.content_type')).toEqual([]);
      expect(all(internal, 'tls.record.opaque_type')).toEqual([]);
      expectHttpOn(internal, t, 'clear');
    } else {
      // Two sessions: the LB's own ClientHello names the backend it connects to.
      expect(BACKENDS.map((b) => b.hostname)).toContain(all(internal, 'tls.handshake.extensions_server_name')[0]);
      expect(randoms(internal)).not.toBe(randoms(internet));
      expect(new Set(t.sessions.map((s) => s.clientRandomHex))).toEqual(new Set([randoms(internet), randoms(internal)]));
    }
  });

  it.each(MODES)('%s, without keys: no HTTP on a TLS hop, and the server certificate only where the version sends it in the clear', async (mode) => {
    const t = timeline(key('basic', protocol, mode));
    const keyed = await rowsOf(`${key('basic', protocol, mode)}.pcapng`);
    const rows = await rowsOf(`${key('basic', protocol, mode)}-nokeys.pcapng`);
    expect(all(rows, '_ws.expert.severity').filter((s) => Number(s) >= PI_WARN)).toEqual([]);
    for (const link of tlsLinks(mode)) {
      const hop = onLink(rows, link);
      expect(handshakeTypes(hop), link).toEqual(wire.withoutKeys);
      expect(httpRows(hop)).toEqual([]);
      // The SNI and the offered ALPN are in the cleartext ClientHello either way: all a passthrough router can use.
      expect(all(hop, 'tls.handshake.extensions_server_name')).toHaveLength(1);
      expect(helloRow(hop, '1')!['tls.handshake.extensions_alpn_str']).toEqual(['http/1.1']);
      // The certificate's names (its SANs): readable with the keys in both versions, without them only in TLS 1.2.
      const names = all(hop, 'x509ce.dNSName');
      expect(all(onLink(keyed, link), 'x509ce.dNSName').length).toBeGreaterThan(0);
      expect(names.length > 0).toBe(PROTOCOLS[protocol].certificateInClear);
      expect(names.length > 0).toBe(protocol === 'tls1.2');
      // The server's ALPN choice: in the ServerHello (1.2) or in the encrypted EncryptedExtensions (1.3).
      expect(helloRow(hop, '2')!['tls.handshake.extensions_alpn_str']).toEqual(protocol === 'tls1.2' ? ['http/1.1'] : []);
    }
    if (mode === 'offload') expectHttpOn(onLink(rows, 'internal'), t, 'clear'); // nothing to decrypt: anyone on this link reads it
  });

  it('a separate key log file (tls.keylog_file) decrypts the capture written without secrets', async () => {
    const t = timeline(key('basic', protocol, 'bridge'));
    const keylog = write(`${protocol}-bridge.keys`, exportKeyLog(t));
    const rows = await rowsOf(`${key('basic', protocol, 'bridge')}-nokeys.pcapng`, ['-o', `tls.keylog_file:${keylog}`]);
    for (const link of ['internet', 'internal'] as const) {
      expect(handshakeTypes(onLink(rows, link))).toEqual(wire.withKeys);
      expectHttpOn(onLink(rows, link), t, 'tls');
    }
  });

  it.each(MODES)('%s, tampered: a flipped byte fails the AES-GCM tag and the session ends in a fatal bad_record_mac', async (mode) => {
    const t = timeline(key('tamper', protocol, mode));
    const sent = t.events.filter((e) => e.type === 'tls.alertSent');
    expect(sent.map((e) => [e.detail.alert, e.detail.code])).toEqual([['bad_record_mac', 20]]);
    const detector = sent[0]!.node;
    expect(detector).toBe(mode === 'passthrough' ? 'backend-1' : 'lb');
    const events = segments(t);
    const rows = await rowsOf(`${key('tamper', protocol, mode)}.pcapng`);
    expect(rows).toHaveLength(events.length);
    expect(helloRow(rows, '2')!['tls.handshake.ciphersuite']).toEqual([wire.suite]);
    // Decrypted with the key log: level 2 (fatal), description 20 (bad_record_mac), sent by the end that caught it
    // (and, in passthrough, relayed by the LB to the client).
    const alerts = rows.flatMap((r, i) => (r['tls.alert_message.desc'].length > 0 ? [{ r, e: events[i]! }] : []));
    expect(alerts.map(({ r, e }) => [e.from, e.link, r['tls.alert_message.level'], r['tls.alert_message.desc']])).toEqual(
      mode === 'passthrough'
        ? [['backend-1', 'internal', ['2'], ['20']], ['lb', 'internet', ['2'], ['20']]]
        : [['lb', 'internet', ['2'], ['20']]],
    );
    expect(events.some((e) => e.tampered)).toBe(true);
  });

  it('tampered, without keys: the alert\'s reason is encrypted, and TLS 1.3 even hides that it is an alert', async () => {
    const blind = await rowsOf(`${key('tamper', protocol, 'offload')}-nokeys.pcapng`);
    expect(all(blind, 'tls.alert_message.desc')).toEqual([]);
    // TLS 1.2 records keep their content type in the clear (21, alert); TLS 1.3 wraps every record as application_data.
    expect(all(blind, 'tls.record.content_type').includes('21')).toBe(protocol === 'tls1.2');
    expect(all(blind, 'tls.record.opaque_type').length > 0).toBe(protocol === 'tls1.3');
  });
});

describe('tls1.3: the key log separates the stages', () => {
  it('the handshake traffic secrets alone open the certificate but not one byte of HTTP', async () => {
    const t = timeline(key('basic', 'tls1.3', 'offload'));
    const handshakeOnly = exportKeyLog(t).split('\n').filter((l) => /^(CLIENT|SERVER)_HANDSHAKE_TRAFFIC_SECRET /.test(l)).join('\n') + '\n';
    const rows = await rowsOf(`${key('basic', 'tls1.3', 'offload')}-nokeys.pcapng`, ['-o', `tls.keylog_file:${write('handshake-only.keys', handshakeOnly)}`]);
    const internet = onLink(rows, 'internet');
    expect(handshakeTypes(internet)).toEqual(WIRE['tls1.3'].withKeys);
    expect(all(internet, 'x509ce.dNSName')).toContain(SITE_HOSTNAME);
    expect(httpRows(internet)).toEqual([]);
  });
});

describe('exportKeyLog with TLS 1.3 ends that got different distances', () => {
  it('writes the handshake pair for an end that never derived application secrets, and the fuller end when both exist', () => {
    const t = timeline(key('basic', 'tls1.3', 'offload'));
    const full = t.sessions.find((s) => s.role === 'client')!;
    // What an end that failed after the ServerHello knows: the handshake secrets, no application secrets.
    const partial = { ...full, tls13Secrets: { ...full.tls13Secrets!, clientTrafficSecret0Hex: '', serverTrafficSecret0Hex: '' } };
    const labels = (sessions: Timeline['sessions']): string[] =>
      exportKeyLog({ ...t, sessions }).split('\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.split(' ')[0]!);
    expect(labels([partial])).toEqual(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET']);
    expect(labels([partial, full])).toEqual(['CLIENT_HANDSHAKE_TRAFFIC_SECRET', 'SERVER_HANDSHAKE_TRAFFIC_SECRET', 'CLIENT_TRAFFIC_SECRET_0', 'SERVER_TRAFFIC_SECRET_0']);
    expect(labels([full, partial])).toEqual(labels([partial, full]));
    // Without the handshake pair nothing in the log could open the session's first encrypted records: no entry.
    expect(labels([{ ...full, tls13Secrets: { ...full.tls13Secrets!, serverHandshakeTrafficSecretHex: '' } }])).toEqual([]);
  });
});
