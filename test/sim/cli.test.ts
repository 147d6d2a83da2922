/**
 * The CLI as a user runs it: `scripts/sim.ts` in a child process (`npx tsx`, cwd = the repository). Thirteen
 * invocations, started together in beforeAll because each one generates the lab's keys: --list, three --json runs
 * (TLS 1.1 with and without an option flag, TLS 1.3), six argument errors that must exit with status 2 and say why,
 * and the lessons: --lessons --json, --lesson ID --json and an unknown lesson.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../src/sim/engine';
import type { RunSummary } from '../../src/sim/engine';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { sim, type CliResult } from './helpers/cliProcess';

interface JsonOutput { scenario: string; mode: string; seed: number; events: unknown[]; summary: RunSummary }

let runs: Record<'list' | 'plain' | 'v2' | 'tls13' | 'unknownFlag' | 'badValue' | 'badMode' | 'badProtocol' | 'modeTwice' | 'negativeSeed' | 'lessons' | 'lesson' | 'badLesson', CliResult>;

beforeAll(async () => {
  const [list, plain, v2, tls13, unknownFlag, badValue, badMode, badProtocol, modeTwice, negativeSeed, lessons, lesson, badLesson] = await Promise.all([
    sim(['--list']),
    sim(['--mode', 'passthrough', '--scenario', 'client-ip', '--protocol', 'tls1.1', '--json']),
    sim(['--mode', 'passthrough', '--scenario', 'client-ip', '--protocol', 'tls1.1', '--proxy-protocol', 'v2', '--json']),
    sim(['--mode', 'bridge', '--scenario', 'basic', '--protocol', 'tls1.3', '--json']),
    sim(['--mode', 'offload', '--scenario', 'basic', '--no-such-flag']),
    sim(['--mode', 'offload', '--scenario', 'basic', '--waf', 'maybe']),
    sim(['--mode', 'layer7', '--scenario', 'basic']),
    sim(['--mode', 'offload', '--protocol', 'tls1.4']),
    sim(['--mode', 'passthrough', '--mode', 'offload']),
    sim(['--mode', 'offload', '--seed', '-5']),
    sim(['--lessons', '--json']),
    sim(['--lesson', 'waf-blind-spot', '--json']),
    sim(['--lesson', 'no-such-lesson']),
  ]);
  runs = { list, plain, v2, tls13, unknownFlag, badValue, badMode, badProtocol, modeTwice, negativeSeed, lessons, lesson, badLesson };
}, 120_000);

const parse = (r: CliResult): JsonOutput => JSON.parse(r.stdout) as JsonOutput;

describe('--list', () => {
  it('prints every scenario id, one per line, with its summary, and exits 0', () => {
    expect(runs.list.code).toBe(0);
    const lines = runs.list.stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(SCENARIOS.map((s) => s.id));
    for (const s of SCENARIOS) expect(runs.list.stdout).toContain(s.summary);
  });
});

describe('--json', () => {
  it('prints {scenario, mode, seed, events, summary} and exits 0', () => {
    expect(runs.plain.code).toBe(0);
    const out = parse(runs.plain);
    expect(out).toMatchObject({ scenario: 'client-ip', mode: 'passthrough', seed: 1 });
    expect(out.events.length).toBeGreaterThan(10);
  });

  it('has the documented summary fields', () => {
    const { summary } = parse(runs.plain);
    expect(summary.mode).toBe('passthrough');
    expect(summary.protocol).toMatch(/^TLS 1\.1 \(node-forge [\d.]+\), RSA key transport/);
    // One TLS session, client <-> backend; the client random is 32 bytes of hex.
    expect(summary.tlsSessions).toHaveLength(1);
    expect(summary.tlsSessions[0]).toMatchObject({ client: 'client', server: 'backend-1', version: 'TLS 1.1', cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA' });
    expect(summary.tlsSessions[0]!.clientRandom).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.lbReadPlaintext).toBe(false);
    expect(summary.observers).toMatchObject({ client: true, lb: false, 'eve-internet': false, 'eve-internal': false, 'backend-1': true });
    expect(summary.backendSawClientIp).toBe('10.0.0.1');
    expect(summary.responses).toEqual([200]);
    expect(summary.backendPerRequest).toEqual([{ request: 0, client: 'alice', status: 200, servedBy: 'backend-1' }]);
    expect(summary.cart).toBeNull();
    expect(summary.wafVerdicts).toEqual([expect.objectContaining({ inspected: false, blocked: false, ruleIds: [] })]);
    expect(summary.keyLocations.lb).toEqual([]);
    for (const b of ['backend-1', 'backend-2', 'backend-3']) expect(summary.keyLocations[b]).toEqual([expect.objectContaining({ key: 'site', certificate: 'site' })]);
    expect(summary.backendLoad).toEqual({ 'backend-1': 1, 'backend-2': 0, 'backend-3': 0 });
  });

  it('writes packet bytes as hex strings', () => {
    const segment = parse(runs.plain).events.find((e) => (e as { type: string }).type === 'tcp.segmentSent' && (e as { payload: string }).payload !== '');
    expect(segment).toBeDefined();
    expect((segment as { payload: unknown }).payload).toMatch(/^[0-9a-f]+$/);
  });

  it('an option flag changes the outcome: --proxy-protocol v2 lets the backend see 203.0.113.10', () => {
    expect(runs.v2.code).toBe(0);
    const { summary } = parse(runs.v2);
    expect(summary.backendSawClientIp).toBe('203.0.113.10');
    expect(summary.backendSawClientIpPerRequest).toEqual([expect.objectContaining({ clientIp: '203.0.113.10', source: 'proxy protocol' })]);
    expect(parse(runs.plain).summary.backendSawClientIp).toBe('10.0.0.1');
  });
});

describe('--protocol', () => {
  it('tls1.3: every session is TLS 1.3 and the summary names what ran', () => {
    expect(runs.tls13.code).toBe(0);
    const { summary } = parse(runs.tls13);
    expect(summary.protocol).toMatch(/^TLS 1\.3 \(the lab's TLS 1\.3 engine .*\), ECDHE over x25519.*TLS_AES_128_GCM_SHA256$/);
    // Bridging: client <-> LB and LB <-> backend, both TLS 1.3.
    expect(summary.tlsSessions.map((s) => [s.client, s.server, s.version, s.cipherSuite])).toEqual([
      ['client', 'lb', 'TLS 1.3', 'TLS_AES_128_GCM_SHA256'],
      ['lb', 'backend-1', 'TLS 1.3', 'TLS_AES_128_GCM_SHA256'],
    ]);
    expect(summary.responses).toEqual([200, 200, 200, 200]);
    expect(summary.observers).toMatchObject({ client: true, lb: true, 'backend-1': true, 'eve-internet': false, 'eve-internal': false });
  });

  it('an unknown protocol exits 2 and names the choices', () => {
    expect(runs.badProtocol.code).toBe(2);
    expect(runs.badProtocol.stderr).toContain('error: --protocol must be tls1.1|tls1.2|tls1.3, got "tls1.4"');
  });
});

describe('argument errors exit with status 2 and a message on stderr', () => {
  it('an unknown flag', () => {
    expect(runs.unknownFlag.code).toBe(2);
    expect(runs.unknownFlag.stderr).toMatch(/^error: .*no-such-flag/);
    expect(runs.unknownFlag.stderr).toContain('Usage:');
    expect(runs.unknownFlag.stdout).toBe('');
  });

  it('a bad option value (--waf maybe)', () => {
    expect(runs.badValue.code).toBe(2);
    expect(runs.badValue.stderr).toContain('error: --waf must be on|off, got "maybe"');
    expect(runs.badValue.stdout).toBe('');
  });

  it('an unknown mode', () => {
    expect(runs.badMode.code).toBe(2);
    expect(runs.badMode.stderr).toContain('error: unknown mode "layer7" (expected passthrough, offload, bridge)');
    expect(runs.badMode.stdout).toBe('');
  });

  it('a flag given twice (--mode passthrough --mode offload) is refused, not silently the last one', () => {
    expect(runs.modeTwice.code).toBe(2);
    expect(runs.modeTwice.stderr).toContain('error: --mode is given 2 times; give it once');
    expect(runs.modeTwice.stdout).toBe('');
  });

  it('a negative seed gets the range message, not the argument parser\'s "ambiguous"', () => {
    expect(runs.negativeSeed.code).toBe(2);
    expect(runs.negativeSeed.stderr).toContain('error: --seed must be a whole number from 0 to 999999999, got "-5"');
    expect(runs.negativeSeed.stderr).not.toMatch(/ambiguous/);
  });
});

describe('lessons', () => {
  interface LessonsOutput { lessons: Array<{ id: string; title: string; summary: string; beats: Array<{ id: string; scenario: string; mode: string; options: object; question: { id: string; prompt: string; kind: string } | null }> }> }
  interface LessonOutput { lesson: string; beats: Array<{ id: string; step: number; question: { id: string; multiple: boolean; choices: Array<{ id: string; label: string }>; correct: string[]; proof: { step: number | null } } | null }> }

  it('--lessons --json prints every lesson with its beats and questions', () => {
    expect(runs.lessons.code).toBe(0);
    const out = JSON.parse(runs.lessons.stdout) as LessonsOutput;
    expect(out.lessons.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
    const waf = out.lessons.find((l) => l.id === 'waf-blind-spot')!;
    expect(waf.beats[0]).toMatchObject({ id: 'sqli-passthrough', scenario: 'sqli', mode: 'passthrough', options: {}, question: { id: 'sqli-waf-passthrough', kind: 'waf-verdict' } });
  });

  it('--lesson ID --json runs every beat and prints the computed answers with worded choices', () => {
    expect(runs.lesson.code).toBe(0);
    const out = JSON.parse(runs.lesson.stdout) as LessonOutput;
    expect(out.lesson).toBe('waf-blind-spot');
    const byId = Object.fromEntries(out.beats.map((b) => [b.id, b]));
    expect(byId['sqli-passthrough']!.question).toMatchObject({ id: 'sqli-waf-passthrough', multiple: false, correct: ['not-inspected'] });
    expect(byId['sqli-offload']!.question!.correct).toEqual(['blocked']);
    expect(byId['sqli-offload']!.step).toBeGreaterThan(0);
    for (const b of out.beats) {
      expect(b.question!.choices.length).toBeGreaterThanOrEqual(2);
      for (const c of b.question!.choices) expect(c.label).not.toBe('');
    }
  });

  it('an unknown lesson id exits 2 and says so', () => {
    expect(runs.badLesson.code).toBe(2);
    expect(runs.badLesson.stderr).toContain('error: unknown lesson "no-such-lesson" (run with --lessons)');
    expect(runs.badLesson.stdout).toBe('');
  });
});
