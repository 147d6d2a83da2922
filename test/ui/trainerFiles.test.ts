/**
 * A trainer's files on the page side (issue 14): the store's library (loadScenario, loadLesson) and its one lookup,
 * the worker request for a file scenario (and the worker reading it again), and loading a file's text with its
 * problems in the notices area while the simulator keeps what it had.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_FORMAT, parseFileValue, parseScenarioFile, type Lesson, type Scenario } from '../../src/sim/index';
import { buildRunRequest } from '../../src/state/engineBridge';
import { runsMatchBeat } from '../../src/state/derive/beatSetup';
import { effectiveOptions } from '../../src/state/derive/effectiveOptions';
import { isLibraryScenario, lessonById, scenarioById, selectScenario } from '../../src/state/selectors';
import { LIBRARY_LIMIT, createSimStore } from '../../src/state/store';
import { lessonSourceOf, loadFileText, loadFileValue } from '../../src/state/trainerFiles';
import { scenarioOf } from '../../src/worker/requestScenario';
import { ACME_FILE, ACME_LESSON } from './helpers/trainerFiles';

function acme(): Scenario {
  const read = parseScenarioFile(ACME_FILE);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}

function acmeLesson(): { lesson: Lesson; scenarios: readonly Scenario[] } {
  const read = parseFileValue(JSON.parse(JSON.stringify(ACME_LESSON)), []);
  if (!read.ok || read.value.kind !== 'lesson') throw new Error(JSON.stringify(read));
  return read.value;
}

describe('the library of a trainer\'s scenarios and lessons', () => {
  it('loadScenario adds the scenario, puts it on screen like setScenario, and one lookup finds it', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'offload', seed: 1, options: { protocol: 'tls1.1', waf: false } });
    const generation = store.getState().generation;
    const scenario = acme();
    store.getState().loadScenario(scenario);
    const s = store.getState();
    expect(s.library.scenarios).toEqual([scenario]);
    // A new generation (the worker is asked), the scenario's own requests, and its own TLS version wins.
    expect(s).toMatchObject({ scenarioId: 'acme-login', generation: generation + 1, requests: null, options: {}, cursor: 0, status: 'running' });
    expect(selectScenario(s)).toBe(scenario);
    expect(scenarioById(s, 'cart')?.id).toBe('cart');
    expect(isLibraryScenario(s, 'acme-login')).toBe(true);
    expect(isLibraryScenario(s, 'basic')).toBe(false);
    expect(effectiveOptions(scenario, 'offload', {}).protocol).toBe('tls1.2');
  });

  it('loading a scenario again under its id replaces it (one entry), and the library is bounded', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const first = acme();
    const second = { ...acme(), title: 'Fixed title' };
    store.getState().loadScenario(first);
    store.getState().setScenario('cart');
    store.getState().loadScenario(second);
    expect(store.getState().library.scenarios).toEqual([second]);
    expect(store.getState().scenarioId).toBe('acme-login');
    for (let i = 0; i < LIBRARY_LIMIT + 5; i++) store.getState().loadScenario({ ...first, id: `copy-${i}` });
    const ids = store.getState().library.scenarios.map((x) => x.id);
    expect(ids).toHaveLength(LIBRARY_LIMIT);
    expect(ids.at(-1)).toBe(`copy-${LIBRARY_LIMIT + 4}`);
  });

  it('loadLesson adds the lesson and its scenarios and opens it at beat 1; its beats run on library scenarios', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const { lesson, scenarios } = acmeLesson();
    store.getState().openLesson('who-reads-the-password', 2);
    store.getState().recordAnswer('q', true, ['lb']);
    store.getState().loadLesson(lesson, scenarios);
    const s = store.getState();
    expect(s.lesson).toEqual({ id: 'acme-onboarding', beat: 0 });
    expect(s.answers).toEqual({});
    expect(s.library.lessons).toEqual([lesson]);
    expect(lessonById(s, null, 'acme-onboarding')).toBe(lesson);
    expect(lessonById(s, { findLesson: () => undefined }, 'nope')).toBeUndefined();
    const setup = lesson.beats[0]!.setup;
    expect(setup.scenarioId).toBe('acme-lesson-login');
    store.getState().applyBeat(setup);
    expect(store.getState().scenarioId).toBe('acme-lesson-login');
    expect(runsMatchBeat(store.getState(), setup)).toBe(true);
    expect(buildRunRequest(store.getState(), 1).scenarioFile?.id).toBe('acme-lesson-login');
  });

  it('a lesson loaded again while its scenario is on screen throws the old runs away', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const { lesson, scenarios } = acmeLesson();
    store.getState().loadLesson(lesson, scenarios);
    store.getState().applyBeat(lesson.beats[0]!.setup);
    const generation = store.getState().generation;
    const again = acmeLesson();
    store.getState().loadLesson(again.lesson, again.scenarios);
    expect(store.getState().generation).toBe(generation + 1);
    expect(scenarioById(store.getState(), 'acme-lesson-login')).toBe(again.scenarios[0]);
  });
});

describe('the worker request for a trainer\'s scenario', () => {
  it('carries the scenario as its file (the learner\'s edits beside it); the worker reads it back to the same scenario', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'bridge', seed: 1 });
    expect(buildRunRequest(store.getState(), 1).scenarioFile).toBeUndefined();
    store.getState().loadScenario(acme());
    store.getState().setOption('waf', false);
    const request = buildRunRequest(store.getState(), 2);
    expect(request).toMatchObject({ scenarioId: 'acme-login', options: { waf: false }, modes: ['bridge', 'passthrough', 'offload'] });
    // The trainer's own options are in the file; the learner's override travels as for any scenario.
    expect(request.scenarioFile?.options).toMatchObject({ protocol: 'tls1.2', waf: true });
    const read = scenarioOf(structuredClone(request));
    expect('scenario' in read && read.scenario).toEqual(acme());
  });

  it('the worker refuses a bad file with the validator\'s words, and an unknown id as before', () => {
    const bad = scenarioOf({ scenarioId: 'acme-login', scenarioFile: { ...ACME_FILE, requests: [{ method: 'FETCH', path: '/' }] } as never });
    expect(bad).toEqual({ refused: expect.stringMatching(/^the scenario file was refused: requests\[0\]\.method: expected one of GET/) });
    expect(scenarioOf({ scenarioId: 'no-such' })).toEqual({ refused: 'unknown scenario "no-such"' });
    expect('scenario' in scenarioOf({ scenarioId: 'cart' })).toBe(true);
  });
});

describe('loading a file\'s text', () => {
  it('a bad file gives its problems in the notices area and the simulator keeps what it had', async () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'passthrough', seed: 1 });
    const generation = store.getState().generation;
    const outcome = await loadFileText(store, JSON.stringify({ ...ACME_FILE, title: '<img src=x onerror="window.__xss=1">', requests: [] }), 'the file “bad.json”');
    expect(outcome.ok).toBe(false);
    const s = store.getState();
    expect(s).toMatchObject({ scenarioId: 'cart', generation, library: { scenarios: [], lessons: [] } });
    expect(s.fileNotice).toEqual({ kind: 'rejected', source: 'the file “bad.json”', problems: expect.arrayContaining([expect.stringMatching(/^title: /), expect.stringMatching(/^requests: /)]) });
    expect(await loadFileText(store, '{ not json', 'x')).toEqual({ ok: false, problems: [expect.any(String)] });
  });

  it('a good file goes on screen, says so, and a lesson remembers its file for the link', async () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'passthrough', seed: 1 });
    expect(await loadFileText(store, JSON.stringify(ACME_FILE, null, 2), 'the file “acme.json”')).toEqual({ ok: true, kind: 'scenario', id: 'acme-login' });
    expect(store.getState().fileNotice).toEqual({ kind: 'loaded', what: 'scenario', title: ACME_FILE.title, source: 'the file “acme.json”' });
    expect(await loadFileValue(store, JSON.parse(JSON.stringify(ACME_LESSON)), 'the link')).toEqual({ ok: true, kind: 'lesson', id: 'acme-onboarding' });
    const lesson = store.getState().library.lessons[0]!;
    expect(lessonSourceOf(lesson)).toEqual({ file: JSON.parse(JSON.stringify(ACME_LESSON)), scenarioIds: ['acme-lesson-login'] });
  });

  it('a file of the other kind than asked for is refused by its format', async () => {
    const store = createSimStore({ scenarioId: 'cart', mode: 'passthrough', seed: 1 });
    const outcome = await loadFileText(store, JSON.stringify(ACME_FILE), 'the page', 'lesson');
    expect(outcome).toEqual({ ok: false, problems: [expect.stringContaining(LESSON_FORMAT)] });
    expect(store.getState().scenarioId).toBe('cart');
  });
});
