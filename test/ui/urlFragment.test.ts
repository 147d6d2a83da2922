/**
 * Trainer's files in the link's fragment (`#scenario=`, `#lesson=`): read at start, written back by the address
 * bar sync while a file is on screen (so a reload keeps it), and carried by "Copy link".
 */
import { describe, expect, it } from 'vitest';
import { encodeFileForLink, parseScenarioFile } from '../../src/sim/index';
import { linkFor, scenarioLinkFor } from '../../src/embed/share';
import { startUrlSync, urlStateOf } from '../../src/embed/syncUrl';
import { fragmentOf, isFileFragment, readLinkFiles } from '../../src/embed/urlFragment';
import { DEFAULT_URL_STATE, parseUrlState } from '../../src/embed/urlState';
import { createSimStore } from '../../src/state/store';
import { loadFileValue } from '../../src/state/trainerFiles';
import { ACME_FILE, ACME_LESSON } from './helpers/trainerFiles';

const acme = () => {
  const read = parseScenarioFile(ACME_FILE);
  if (!read.ok) throw new Error('fixture');
  return read.value;
};

describe('reading the fragment', () => {
  it('#scenario= gives the scenario; #lesson= the decoded file; both together; other fragments are not ours', () => {
    const value = encodeFileForLink(ACME_FILE);
    expect(readLinkFiles(`#scenario=${value}`)).toEqual({ scenario: { ok: true, value: acme() }, lesson: null });
    const both = readLinkFiles(`#lesson=${encodeFileForLink(ACME_LESSON)}&scenario=${value}`);
    expect(both.lesson).toEqual({ ok: true, value: JSON.parse(JSON.stringify(ACME_LESSON)) });
    expect(both.scenario?.ok).toBe(true);
    expect(readLinkFiles('#glossary-sni')).toEqual({ scenario: null, lesson: null });
    expect(readLinkFiles('')).toEqual({ scenario: null, lesson: null });
    expect(isFileFragment('#scenario=abc')).toBe(true);
    expect(isFileFragment('#glossary-sni')).toBe(false);
  });

  it('a damaged, oversized or invalid file is a list of problems, never an exception', () => {
    const damaged = readLinkFiles('#scenario=%%%not-base64');
    expect(damaged.scenario).toMatchObject({ ok: false, problems: [{ code: 'link-damaged' }] });
    expect(readLinkFiles(`#scenario=${'A'.repeat(20_000)}`).scenario).toMatchObject({ ok: false, problems: [{ code: 'link-too-long' }] });
    const invalid = readLinkFiles(`#scenario=${encodeFileForLink({ ...ACME_FILE, requests: [{ method: 'GET', path: 'no-slash' }] })}`);
    expect(invalid.scenario).toMatchObject({ ok: false, problems: [{ path: 'requests[0].path' }] });
  });

  it('the query may name the fragment\'s scenario, and shows it when it names none', () => {
    expect(parseUrlState('?mode=offload', { fileScenario: 'acme-login' }).state).toMatchObject({ scenarioId: 'acme-login', mode: 'offload' });
    expect(parseUrlState('?scenario=acme-login&step=4', { fileScenario: 'acme-login' })).toMatchObject({ notices: [], state: { scenarioId: 'acme-login', step: 4 } });
    expect(parseUrlState('?scenario=cart', { fileScenario: 'acme-login' }).state.scenarioId).toBe('cart');
    expect(parseUrlState('?scenario=acme-login').notices).toEqual(['Ignored scenario=acme-login: no such scenario.']);
    // A lesson in the fragment sets its own scenario per beat: a scenario of that file is not reported.
    expect(parseUrlState('?scenario=acme-lesson-login&lesson=acme-onboarding', { fileLesson: true }).notices).toEqual([]);
  });
});

describe('writing the fragment', () => {
  it('carries a file scenario while it is on screen, and nothing for the lab\'s own', () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    expect(fragmentOf(store.getState())).toBe('');
    store.getState().loadScenario(acme());
    const hash = fragmentOf(store.getState());
    expect(hash).toMatch(/^#scenario=[A-Za-z0-9_-]+$/);
    expect(readLinkFiles(hash).scenario).toEqual({ ok: true, value: acme() });
    // The learner's changes travel in the query, beside the trainer's file.
    store.getState().setOption('waf', false);
    const link = linkFor('https://host/lab/', urlStateOf(store.getState(), DEFAULT_URL_STATE), fragmentOf(store.getState()));
    const url = new URL(link);
    expect(url.searchParams.get('scenario')).toBe('acme-login');
    expect(url.searchParams.get('waf')).toBe('off');
    expect(url.hash).toBe(hash);
    store.getState().setScenario('cart');
    expect(fragmentOf(store.getState())).toBe('');
  });

  it('carries a file lesson (and no second copy of the scenarios it brought)', async () => {
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    await loadFileValue(store, JSON.parse(JSON.stringify(ACME_LESSON)), 'the link');
    const lesson = store.getState().library.lessons[0]!;
    store.getState().applyBeat(lesson.beats[0]!.setup);
    const hash = fragmentOf(store.getState());
    expect(hash).toBe(`#lesson=${encodeFileForLink(JSON.parse(JSON.stringify(ACME_LESSON)))}`);
    store.getState().loadScenario(acme());
    expect(fragmentOf(store.getState())).toMatch(/^#lesson=[\w-]+&scenario=[\w-]+$/);
  });

  it('"Copy link to this scenario" is the page with only the file in the fragment', () => {
    expect(scenarioLinkFor('https://host/lab/index.html', 'abc')).toBe('https://host/lab/index.html#scenario=abc');
  });

  it('the address bar keeps the fragment while a file scenario is on screen, and keeps anchors that are not ours', () => {
    const calls: string[] = [];
    const location = { pathname: '/lab/', search: '', hash: '#glossary-sni' };
    const win = {
      location,
      history: {
        state: null,
        replaceState: (_s: unknown, _t: string, url: string) => {
          calls.push(url);
          const [rest, hash = ''] = url.split('#');
          location.search = rest!.slice(location.pathname.length);
          location.hash = hash ? `#${hash}` : '';
        },
      },
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    } as unknown as Window;
    const store = createSimStore({ scenarioId: 'basic', mode: 'passthrough', seed: 1 });
    const sync = startUrlSync(store, DEFAULT_URL_STATE, win, 0);
    store.getState().setSpeed(2);
    sync.flush();
    expect(calls.at(-1)).toBe('/lab/?speed=2#glossary-sni');
    store.getState().loadScenario(acme());
    sync.flush();
    expect(location.search).toContain('scenario=acme-login');
    expect(location.hash).toBe(fragmentOf(store.getState()));
    store.getState().setScenario('cart');
    sync.flush();
    expect(location.hash).toBe('');
    sync.dispose();
  });
});
