/**
 * The lesson catalog against real runs: every beat's scenario runs in all three modes (as the page runs it), and
 * every question must get a computed answer there. Runs are shared through one cache; the lab PKI is made once.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, generateLabPki, type LabPki, type Mode, type RunOptions } from '../../src/sim/engine';
import { answerQuestion } from '../../src/sim/lessons/questions';
import { runBeat, type BeatRunner } from '../../src/sim/lessons/runBeat';
import type { Beat, QuestionSpec } from '../../src/sim/lessons/types';
import { LESSONS, findLesson, linkedIds, plainText } from '../../src/sim/content/lessons/index';
import { isGlossaryId } from '../../src/sim/content/lessons/richText';
import { createRunCache } from './helpers/runCache';

let pki: LabPki;
beforeAll(async () => {
  pki = await generateLabPki();
}, 60_000);

const cached = createRunCache(() => pki, 1);
const runner: BeatRunner = (scenarioId: string, mode: Mode, options: Partial<RunOptions>) => {
  const { t, s } = cached(findScenario(scenarioId)!, mode, options);
  return { timeline: t, summary: s };
};
const allBeats = LESSONS.flatMap((lesson) => lesson.beats.map((beat) => ({ lesson, beat })));
const beatOf = (lessonId: string, beatId: string): Beat => findLesson(lessonId)!.beats.find((b) => b.id === beatId)!;
const runsFor = (scenarioId: string, options: Partial<RunOptions> = {}) =>
  Object.fromEntries((['passthrough', 'offload', 'bridge'] as const).map((m) => [m, runner(scenarioId, m, options)]));

describe('the catalog', () => {
  it('has at least ten lessons, who-reads-the-password first', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(10);
    expect(LESSONS[0]!.id).toBe('who-reads-the-password');
  });

  it('lesson ids, beat ids within a lesson and question ids across the catalog are unique', () => {
    const ids = LESSONS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of LESSONS) expect(new Set(l.beats.map((b) => b.id)).size).toBe(l.beats.length);
    const questions = allBeats.flatMap(({ beat }) => (beat.question ? [beat.question.id] : []));
    expect(new Set(questions).size).toBe(questions.length);
  });

  it('every beat names a scenario that exists', () => {
    for (const { beat } of allBeats) expect(findScenario(beat.setup.scenarioId), beat.id).toBeDefined();
  });

  it('every glossary link resolves, and the texts are short and free of markup once plain', () => {
    for (const { lesson, beat } of allBeats) {
      const texts = [beat.text, beat.question?.prompt ?? '', beat.question?.explain ?? ''];
      for (const text of texts) {
        for (const id of linkedIds(text)) expect(isGlossaryId(id), `${lesson.id}/${beat.id}: ${id}`).toBe(true);
        expect(plainText(text), `${lesson.id}/${beat.id}`).not.toMatch(/[{}|]/);
      }
      expect(beat.text.length, `${lesson.id}/${beat.id}`).toBeLessThanOrEqual(480);
      const sentences = plainText(beat.text).split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length;
      expect(sentences, `${lesson.id}/${beat.id}`).toBeLessThanOrEqual(4);
    }
  });

  it('predict beats start early, before the run reaches their proof', () => {
    for (const { beat } of allBeats) {
      if (!beat.question?.predict) continue;
      expect(beat.setup.step?.at ?? 'start', beat.id).toBe('start');
    }
  });
});

describe('every question is answered by its beat\'s runs', () => {
  for (const { lesson, beat } of allBeats) {
    if (!beat.question) continue;
    it(`${lesson.id} / ${beat.id} (${beat.question.spec.kind})`, () => {
      const { answer, step, runs } = runBeat(beat, runner);
      expect(answer, 'answer').not.toBeNull();
      expect(answer!.choices.length).toBeGreaterThanOrEqual(2);
      const ids = answer!.choices.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of answer!.correct) expect(ids).toContain(c);
      if (!answer!.multiple) expect(answer!.correct.length).toBeGreaterThanOrEqual(1);
      expect(step).toBeLessThan(runs[beat.setup.mode]!.timeline.events.length);
    });
  }
});

describe('the answers are computed from the runs, not written down', () => {
  const injection: QuestionSpec = { kind: 'waf-verdict', request: { target: '/search?q=%27' } };

  it('the SQL injection is blocked in offloading with the WAF on, not inspected with it off (same spec)', () => {
    expect(answerQuestion(injection, runsFor('sqli'), 'offload')!.correct).toEqual(['blocked']);
    expect(answerQuestion(injection, runsFor('sqli', { waf: false }), 'offload')!.correct).toEqual(['not-inspected']);
    expect(answerQuestion(injection, runsFor('sqli'), 'passthrough')!.correct).toEqual(['not-inspected']);
  });

  it('the password is read by the LB in offloading and not in passthrough', () => {
    const offload = runBeat(beatOf('who-reads-the-password', 'offload-password'), runner).answer!;
    const passthrough = runBeat(beatOf('who-reads-the-password', 'passthrough-password'), runner).answer!;
    expect(offload.correct).toContain('lb');
    expect(passthrough.correct).not.toContain('lb');
    expect(passthrough.correct).toContain('client');
  });

  it('a WAF that inspects and an LB without the key: no mode meets both', () => {
    const spec: QuestionSpec = { kind: 'choose-mode', requirements: ['waf-inspects', 'lb-holds-no-key'] };
    const answer = answerQuestion(spec, runsFor('basic'), 'passthrough')!;
    expect(answer.correct).toEqual(['none']);
    expect(answer.measures!.every((m) => m.broken.length > 0)).toBe(true);
  });

  it('the choose-the-mode lesson has a beat no mode meets and beats exactly one mode meets', () => {
    const corrects = findLesson('choose-the-mode')!.beats.map((b) => runBeat(b, runner).answer!.correct);
    expect(corrects).toContainEqual(['none']);
    expect(corrects.filter((c) => c.length === 1 && c[0] !== 'none').length).toBeGreaterThanOrEqual(2);
  });

  it('login burst: six guesses reach a backend in passthrough, three with the rate limit in offloading', () => {
    const spec: QuestionSpec = { kind: 'handled-count', request: { target: '/login', method: 'POST' } };
    const runs = runsFor('login-burst');
    expect(answerQuestion(spec, runs, 'passthrough')!.correct).toEqual(['6']);
    expect(answerQuestion(spec, runs, 'offload')!.correct).toEqual(['3']);
  });

  it('PROXY protocol on one side only: the request fails in passthrough although it was never sent', () => {
    const spec: QuestionSpec = { kind: 'request-succeeds', request: { target: '/whoami' } };
    const runs = runsFor('proxy-mismatch');
    expect(answerQuestion(spec, runs, 'passthrough')!.correct).toEqual(['no']);
    expect(answerQuestion(spec, runs, 'offload')!.correct).toEqual(['yes']);
  });
});
