/**
 * The malformed corpus (test/fixtures/scenario-files/malformed/cases.json): every file gives exactly its expected
 * problems (field path + code) and no value, its words name the field, and reading the whole corpus leaves
 * Object.prototype as it was (the files carry __proto__, constructor and prototype keys as raw JSON text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFileText, parseScenarioFile, type FileProblem } from '../../src/sim/authoring/index';
import { FILE_LIMITS } from '../../src/sim/authoring/limits';
import { problemText } from '../../src/sim/content/fileProblems';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { MALFORMED, malformedText } from './helpers/scenarioFiles';

const LESSON_IDS = LESSONS.map((l) => l.id);
const key = (p: { path: string; code: string }): string => `${p.path} ${p.code}`;
const prototypeNames = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();

let before: string[];
beforeAll(() => {
  before = prototypeNames();
});

describe('the malformed corpus', () => {
  it('has at least 40 files, each with at least one expected problem', () => {
    expect(MALFORMED.length).toBeGreaterThanOrEqual(40);
    for (const c of MALFORMED) expect(c.expect.length, c.file).toBeGreaterThan(0);
  });

  it.each(MALFORMED.map((c) => [c.file, c] as const))('%s gives its problems and nothing to run', (_file, c) => {
    const read = parseFileText(malformedText(c), LESSON_IDS);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map(key).sort()).toEqual(c.expect.map(key).sort());
    for (const p of read.problems) {
      const text = problemText(p);
      // Led by the field's path (or "the file"), and never a blank or "undefined" where a fact belongs.
      expect(text.startsWith(`${p.path || 'the file'}: `), text).toBe(true);
      expect(text).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('prototype keys', () => {
  it('JSON.parse makes them own properties, as a file from disk or a link would have them', () => {
    const proto = MALFORMED.find((c) => c.file === 'proto-top.json')!;
    expect(Object.keys(JSON.parse(malformedText(proto)) as object)).toContain('__proto__');
  });

  it('no file changes Object.prototype', () => {
    for (const c of MALFORMED) parseFileText(malformedText(c), LESSON_IDS);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeNames()).toEqual(before);
  });

  it('a valid file with a __proto__ header still never reaches a prototype, and is refused', () => {
    const read = parseScenarioFile(JSON.parse('{"format":"passthrough-lab/scenario@1","id":"x","title":"X","requests":[{"method":"GET","path":"/","headers":{"__proto__":{"polluted":true}}}]}'));
    expect(read.ok).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('limits on the problems themselves', () => {
  it(`reports at most ${FILE_LIMITS.problems} problems however broken the file`, () => {
    const requests = Array.from({ length: FILE_LIMITS.requests }, () => ({ method: 'get', path: 'x', scheme: 'ftp', direct: 'nowhere' }));
    const read = parseScenarioFile({ format: 'passthrough-lab/scenario@1', id: 'x', title: 'X', requests });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems).toHaveLength(FILE_LIMITS.problems);
  });

  it('quotes an offending value cut to 40 characters, as text', () => {
    const read = parseScenarioFile({ format: 'passthrough-lab/scenario@1', id: 'x', title: 'X', requests: [{ method: `<script>${'A'.repeat(100)}`, path: '/' }] });
    const problem = (read as { problems: readonly FileProblem[] }).problems[0]!;
    expect(problem.value).toHaveLength(40);
    expect(problemText(problem)).toContain('(found "<script>AAAA');
  });

  it('refuses a text over the size limit before parsing it', () => {
    const read = parseFileText(`{"format":"passthrough-lab/scenario@1","title":"${'x'.repeat(FILE_LIMITS.fileBytes)}"}`, LESSON_IDS);
    expect(read).toEqual({ ok: false, problems: [{ path: '', code: 'file-too-large', limit: FILE_LIMITS.fileBytes }] });
  });

  it('counts the size in UTF-8 bytes, not characters', () => {
    const text = `{"title":"${'é'.repeat(FILE_LIMITS.fileBytes / 2)}"}`;
    expect(text.length).toBeLessThan(FILE_LIMITS.fileBytes);
    expect((parseFileText(text, LESSON_IDS) as { problems: readonly FileProblem[] }).problems[0]!.code).toBe('file-too-large');
  });
});

afterAll(() => {
  expect(prototypeNames()).toEqual(before);
});

describe('values that came by postMessage rather than JSON', () => {
  it('a cyclic or foreign value is a problem, never serialised or followed', () => {
    const cyclic: Record<string, unknown> = { method: 'GET', path: '/' };
    cyclic.self = cyclic;
    const read = parseScenarioFile({ format: 'passthrough-lab/scenario@1', id: 'x', title: 'X', requests: [{ method: cyclic, path: '/' }, cyclic], options: new Map([['waf', true]]) });
    expect(read.ok ? [] : read.problems.map((p) => [p.path, p.code, p.value])).toEqual([
      ['requests[0].method', 'one-of', '{…}'], ['requests[1].self', 'unknown-key', 'self'], ['options', 'type', undefined],
    ]);
  });
});
