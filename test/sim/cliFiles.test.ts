/**
 * The CLI with a trainer's files, through the same child-process harness as cli.test.ts: --scenario-file runs a
 * file like --scenario does (a built-in scenario saved as a file runs exactly as the original), --lesson-file runs
 * a lesson file's beats like --lesson, and --validate prints the verdict or the problems (exit 2). A bad file never
 * runs: its problems go to stderr and nothing to stdout.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../../src/sim/content/fileProblems';
import { sim, type CliResult } from './helpers/cliProcess';

const FIXTURES = 'test/fixtures/scenario-files';

interface RunOutput { scenario: string; mode: string; seed: number; events: Array<{ type: string; detail?: Record<string, unknown> }>; summary: Record<string, unknown> }
interface LessonOutput { lesson: string; seed: number; beats: Array<{ id: string; step: number; question: { id: string; choices: Array<{ id: string; label: string }>; correct: string[] } | null }> }

let runs: Record<'acme' | 'lesson' | 'validScenario' | 'validLesson' | 'invalid' | 'badRun' | 'wrongKind' | 'both' | 'missing', CliResult>;

beforeAll(async () => {
  // A saved built-in scenario running as the original is authoringRun.test.ts's (in one process, with shared keys).
  const dir = mkdtempSync(join(tmpdir(), 'passthrough-lab-cli-'));
  const [acme, lesson, validScenario, validLesson, invalid, badRun, wrongKind, both, missing] = await Promise.all([
    sim(['--mode', 'offload', '--scenario-file', `${FIXTURES}/acme-login.json`, '--json']),
    sim(['--lesson-file', `${FIXTURES}/acme-lesson.json`, '--json']),
    sim(['--validate', `${FIXTURES}/acme-login.json`]),
    sim(['--validate', `${FIXTURES}/acme-lesson.json`]),
    sim(['--validate', `${FIXTURES}/malformed/option-values.json`]),
    sim(['--mode', 'offload', '--scenario-file', `${FIXTURES}/malformed/header-crlf.json`, '--json']),
    sim(['--mode', 'offload', '--scenario-file', `${FIXTURES}/acme-lesson.json`]),
    sim(['--mode', 'offload', '--scenario', 'basic', '--scenario-file', `${FIXTURES}/acme-login.json`]),
    sim(['--validate', join(dir, 'no-such-file.json')]),
  ]);
  runs = { acme, lesson, validScenario, validLesson, invalid, badRun, wrongKind, both, missing };
}, 120_000);

const json = <T>(r: CliResult): T => JSON.parse(r.stdout) as T;

describe('--scenario-file', () => {
  it('runs the file\'s scenario with certificates for its own names and prints the --scenario JSON shape', () => {
    expect(runs.acme.code).toBe(0);
    const out = json<RunOutput>(runs.acme);
    expect(out).toMatchObject({ scenario: 'acme-login', mode: 'offload', seed: 1 });
    // The same JSON as --scenario prints (scripts/sim.ts writes both through one function).
    expect(Object.keys(out).sort()).toEqual(['events', 'mode', 'scenario', 'seed', 'summary']);
    const resolved = out.events.filter((e) => e.type === 'dns.resolved').map((e) => e.detail!.name);
    expect(new Set(resolved)).toEqual(new Set(['training.acme.test', 'api.acme.test']));
    expect((out.summary.responses as number[]).every((status) => status === 200)).toBe(true);
  });

  it('a bad file does not run: its problems on stderr, nothing on stdout, exit 2', () => {
    expect(runs.badRun.code).toBe(2);
    expect(runs.badRun.stdout).toBe('');
    expect(runs.badRun.stderr).toContain('requests[0].headers.X-Note: expected a header value on one line');
    expect(runs.badRun.stderr).not.toContain('Usage:');
  });

  it('a lesson file given as a scenario file says which flag to use', () => {
    expect(runs.wrongKind.code).toBe(2);
    expect(runs.wrongKind.stderr).toContain('this is a lesson file: use --lesson-file instead of --scenario-file');
  });

  it('--scenario and --scenario-file together are refused', () => {
    expect(runs.both.code).toBe(2);
    expect(runs.both.stderr).toContain('give --scenario or --scenario-file, not both');
  });
});

describe('--lesson-file', () => {
  it('runs every beat (its own scenario and a built-in one) and prints the computed answers', () => {
    expect(runs.lesson.code).toBe(0);
    const out = json<LessonOutput>(runs.lesson);
    expect(out.lesson).toBe('acme-onboarding');
    const byId = Object.fromEntries(out.beats.map((b) => [b.id, b]));
    expect(Object.keys(byId)).toEqual(['password-passthrough', 'cart-offload', 'client-address', 'choose']);
    expect(new Set(byId['password-passthrough']!.question!.correct)).toEqual(new Set(['client', 'backend-1']));
    expect(byId['cart-offload']!.step).toBeGreaterThan(0);
    expect(byId['choose']!.question!.correct).toEqual(['bridge']);
    for (const b of out.beats) expect(b.question!.choices.length).toBeGreaterThanOrEqual(2);
  });
});

describe('--validate', () => {
  it('names a valid file\'s kind and id and exits 0', () => {
    expect(runs.validScenario).toMatchObject({ code: 0, stdout: 'valid scenario file: acme-login\n' });
    expect(runs.validLesson).toMatchObject({ code: 0, stdout: 'valid lesson file: acme-onboarding\n' });
  });

  it('prints one problemText line per problem and exits 2', () => {
    expect(runs.invalid.code).toBe(2);
    const lines = runs.invalid.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines).toContain(problemText({ path: 'options.protocol', code: 'one-of', allowed: ['tls1.3', 'tls1.2', 'tls1.1'], value: 'tls1.4' }));
    expect(lines.every((l) => l.startsWith('options.'))).toBe(true);
  });

  it('a file that cannot be read exits 2 with the reason', () => {
    expect(runs.missing.code).toBe(2);
    expect(runs.missing.stdout).toMatch(/^cannot read .*no-such-file\.json: ENOENT/);
  });
});
