/**
 * The valid trainer files (test/fixtures/scenario-files/acme-*.json) become the Scenario and Lesson they describe:
 * the file's names, clients mapped to source addresses, headers in order, defaults left out, the `sticky` alias,
 * beats and questions mapped onto the lesson model.
 */
import { describe, expect, it } from 'vitest';
import { parseFileText, parseLessonFile, parseScenarioFile } from '../../src/sim/authoring/index';
import { LESSONS } from '../../src/sim/content/lessons/index';
import { fixtureText } from './helpers/scenarioFiles';

const LESSON_IDS = LESSONS.map((l) => l.id);
const acmeJson = (): Record<string, unknown> => JSON.parse(fixtureText('acme-login.json')) as Record<string, unknown>;

describe('acme-login.json', () => {
  const read = parseScenarioFile(acmeJson());
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const scenario = read.value;

  it('carries the file\'s names and is marked as a file scenario', () => {
    expect(scenario).toMatchObject({ id: 'acme-login', hostname: 'training.acme.test', apiHostname: 'api.acme.test', fromFile: true });
  });

  it('maps clients to source addresses (the default client and address left to the engine)', () => {
    expect(scenario.requests.map((r) => [r.client, r.sourceIp])).toEqual([
      [undefined, undefined], [undefined, undefined], [undefined, undefined], [undefined, undefined], ['bob', '198.51.100.77'],
    ]);
  });

  it('keeps the login\'s header and body, and the API host only where it differs from the site', () => {
    expect(scenario.requests[1]).toEqual({
      method: 'POST', path: '/login', purpose: 'log in; the password is in the request body',
      headers: [['Content-Type', 'application/x-www-form-urlencoded']], body: 'user=alice&password=acme-training-2024',
    });
    expect(scenario.requests.map((r) => r.host)).toEqual([undefined, undefined, undefined, undefined, 'api.acme.test']);
  });

  it('reads `sticky` as stickyCookie', () => {
    expect(scenario.options).toEqual({ protocol: 'tls1.3', waf: true, stickyCookie: true });
  });

  it('gives a request without a purpose its request line', () => {
    const file = { ...acmeJson(), requests: [{ method: 'DELETE', path: '/cart/1' }] };
    const again = parseScenarioFile(file);
    expect(again.ok && again.value.requests[0]!.purpose).toBe('DELETE /cart/1');
  });

  it('keeps HTML and script in paths, header values and bodies as the text they are (the XSS lessons need them)', () => {
    const payload = '<script>alert(document.cookie)</script>';
    const file = { ...acmeJson(), requests: [{ method: 'POST', path: `/comment?c=${payload}`, headers: { 'X-Note': payload }, body: `comment=${payload}` }] };
    const again = parseScenarioFile(file);
    expect(again.ok && again.value.requests[0]).toMatchObject({ path: `/comment?c=${payload}`, headers: [['X-Note', payload]], body: `comment=${payload}` });
  });

  it('refuses a built-in id unless asked to allow it', () => {
    const file = { ...acmeJson(), id: 'basic' };
    expect(parseScenarioFile(file).ok).toBe(false);
    expect(parseScenarioFile(file, { allowBuiltInId: true }).ok).toBe(true);
  });

  it('is recognised by parseFileText as a scenario file', () => {
    const loaded = parseFileText(fixtureText('acme-login.json'), LESSON_IDS);
    expect(loaded.ok && loaded.value.kind).toBe('scenario');
  });

  it('leaves the default names out when the file gives none', () => {
    const { hostname: _h, apiHostname: _a, ...rest } = acmeJson();
    const requests = (rest.requests as object[]).slice(0, 4);
    const plain = parseScenarioFile({ ...rest, requests });
    expect(plain.ok && 'hostname' in plain.value).toBe(false);
    expect(plain.ok && 'apiHostname' in plain.value).toBe(false);
  });
});

describe('acme-lesson.json', () => {
  const read = parseLessonFile(JSON.parse(fixtureText('acme-lesson.json')), LESSON_IDS);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  const { lesson, scenarios } = read.value;

  it('brings its own scenario and uses a built-in one', () => {
    expect(scenarios.map((s) => [s.id, s.hostname])).toEqual([['acme-login', 'training.acme.test']]);
    expect(lesson.beats.map((b) => b.setup.scenarioId)).toEqual(['acme-login', 'acme-login', 'client-ip', 'acme-login']);
  });

  it('maps steps, options and questions onto the lesson model', () => {
    const [first, second, third, fourth] = lesson.beats;
    expect(first!.setup).toEqual({ scenarioId: 'acme-login', mode: 'passthrough', step: { at: 'start' } });
    expect(first!.question).toMatchObject({ id: 'acme-onboarding-password-passthrough', spec: { kind: 'who-reads', secret: 'password' }, predict: true });
    expect(second!.setup.step).toEqual({ at: 'event', match: { type: 'http.requestHandled', target: '/cart' } });
    expect(second!.question).toMatchObject({ id: 'acme-cart-backend', spec: { kind: 'served-by', request: { target: '/cart', method: 'GET', which: 'last' } } });
    expect(third!.setup.options).toEqual({ proxyProtocol: 'v2' });
    expect(third!.question!.spec).toEqual({ kind: 'client-ip', request: { target: '/whoami' } });
    expect(fourth!.question!.spec).toEqual({ kind: 'choose-mode', requirements: ['waf-inspects', 'internal-encrypted'] });
    expect(fourth!.question).not.toHaveProperty('predict');
  });

  it('is recognised by parseFileText as a lesson file', () => {
    const loaded = parseFileText(fixtureText('acme-lesson.json'), LESSON_IDS);
    expect(loaded.ok && loaded.value.kind).toBe('lesson');
  });

  it('refuses its own id once the lab has a lesson of that id', () => {
    const again = parseLessonFile(JSON.parse(fixtureText('acme-lesson.json')), [...LESSON_IDS, 'acme-onboarding']);
    expect(again.ok ? [] : again.problems).toEqual([{ path: 'id', code: 'built-in-id', value: 'acme-onboarding' }]);
  });
});
