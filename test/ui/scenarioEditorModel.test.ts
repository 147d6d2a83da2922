/**
 * The scenario editor's form model (src/ui/authoring/editor/formModel.ts): a file read into the form and written
 * back is the same file, for every built-in scenario saved as a file; edits change only what they say.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, SCENARIOS, scenarioToFile, type ScenarioFile } from '../../src/sim/index';
import {
  addClient, addRequest, fileFromForm, formFromFile, moveRequest, parseHeaderLines, removeClient, setClient, setFaults, setOption, setRequest,
} from '../../src/ui/authoring/editor/formModel';
import { fieldIdForPath, messagesByField } from '../../src/ui/authoring/editor/fieldIds';

const fileOf = (id: string): ScenarioFile => scenarioToFile(SCENARIOS.find((s) => s.id === id)!);

describe('formModel', () => {
  it('every built-in scenario, saved as a file, survives file -> form -> file unchanged', () => {
    expect(SCENARIOS.length).toBeGreaterThan(10);
    for (const scenario of SCENARIOS) {
      const file = scenarioToFile(scenario);
      const back = fileFromForm(formFromFile(file));
      expect(back.problems, scenario.id).toEqual([]);
      expect(JSON.parse(JSON.stringify(back.file)), scenario.id).toEqual(JSON.parse(JSON.stringify(file)));
    }
  });

  it('the round trip keeps faults, several clients, per-mode options and a trainer\'s own names', () => {
    const withFaults = SCENARIOS.find((s) => s.faults?.tamper)!;
    const withClients = SCENARIOS.find((s) => new Set(s.requests.map((r) => r.client ?? 'alice')).size > 1)!;
    const withModeOptions = SCENARIOS.find((s) => s.modeOptions !== undefined)!;
    for (const s of [withFaults, withClients, withModeOptions]) expect(s, 'a scenario of that kind exists').toBeDefined();
    const own: ScenarioFile = {
      ...fileOf('basic'), id: 'acme-login', hostname: 'training.acme.test', apiHostname: 'api.acme.test',
      requests: [
        { method: 'POST', path: '/login', host: 'training.acme.test', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=alice' },
        { method: 'GET', path: '/api/orders', host: 'api.acme.test', scheme: 'http', purpose: 'the API by name', sourceIp: '198.51.100.7', direct: 'backend-2' },
      ],
    };
    for (const file of [scenarioToFile(withFaults), scenarioToFile(withClients), scenarioToFile(withModeOptions), own]) {
      expect(fileFromForm(formFromFile(file)).file).toEqual(file);
    }
    const form = formFromFile(own);
    expect(form.requests.map((r) => r.host)).toEqual(['site', 'api']);
  });

  it('requests follow the hostnames they were sent to when a hostname changes', () => {
    const form = formFromFile({ ...fileOf('basic'), requests: [{ method: 'GET', path: '/', host: 'shop.example.com' }] });
    const renamed = { ...form, hostname: 'training.acme.test' };
    expect(fileFromForm(renamed).file.requests[0]!.host).toBe('training.acme.test');
  });

  it('an option is written only while it differs from the default', () => {
    const form = formFromFile({ ...fileOf('basic'), options: {} });
    const off = setOption(form, 'waf', !DEFAULT_OPTIONS.waf);
    expect(fileFromForm(off).file.options).toEqual({ waf: !DEFAULT_OPTIONS.waf });
    expect(fileFromForm(setOption(off, 'waf', DEFAULT_OPTIONS.waf)).file.options).toBeUndefined();
    // A file's own explicit default stays until the trainer touches it (the round trip).
    expect(fileFromForm(formFromFile({ ...fileOf('basic'), options: { waf: DEFAULT_OPTIONS.waf } })).file.options).toEqual({ waf: DEFAULT_OPTIONS.waf });
    // `sticky` is read as stickyCookie.
    expect(formFromFile({ ...fileOf('basic'), options: { sticky: true } as never }).options).toEqual({ stickyCookie: true });
  });

  it('faults: tamper needs a link; switches are written only when on', () => {
    const form = formFromFile({ ...fileOf('basic'), faults: {} });
    expect(fileFromForm(setFaults(form, { tamperDirection: 's2c' })).file.faults).toBeUndefined();
    const tampered = setFaults(form, { tamperLink: 'internal', tamperDirection: 's2c', splitClientHello: true, serverCertificate: 'siteExpired' });
    expect(fileFromForm(tampered).file.faults).toEqual({ serverCertificate: 'siteExpired', tamper: { link: 'internal', direction: 's2c' }, splitClientHello: true });
  });

  it('clients: new ones get a free name and address; a rename follows into the requests; removing keeps the reference', () => {
    let form = formFromFile({ ...fileOf('basic'), clients: [{ name: 'alice', ip: '203.0.113.10' }], requests: [{ client: 'alice', method: 'GET', path: '/' }] });
    form = addClient(form);
    expect(form.clients.map((c) => [c.name, c.ip])).toEqual([['alice', '203.0.113.10'], ['bob', '203.0.113.11']]);
    form = setClient(form, 0, { name: 'anna' });
    expect(fileFromForm(form).file.requests[0]!.client).toBe('anna');
    form = removeClient(form, 0);
    expect(fileFromForm(form).file.clients).toEqual([{ name: 'bob', ip: '203.0.113.11' }]);
    expect(fileFromForm(form).file.requests[0]!.client).toBe('anna');
  });

  it('requests: add, edit and move', () => {
    let form = formFromFile({ ...fileOf('basic'), requests: [{ method: 'GET', path: '/a' }] });
    form = addRequest(form);
    form = setRequest(form, 1, { method: 'POST', path: '/b', headers: 'X-Test: 1\n\nAccept:  text/html ' });
    form = moveRequest(form, 1, -1);
    expect(fileFromForm(form).file.requests).toEqual([
      { method: 'POST', path: '/b', headers: { 'X-Test': '1', Accept: 'text/html' } },
      { method: 'GET', path: '/a' },
    ]);
    expect(moveRequest(form, 0, -1)).toBe(form);
    expect(new Set(form.requests.map((r) => r.key)).size).toBe(2);
  });

  it('header lines that are not "Name: value", or repeat a name, are problems of the headers field', () => {
    const { headers, problems } = parseHeaderLines('X-A: 1\nno colon here\nx-a: 2\n__proto__: x', 'requests[0].headers');
    expect(problems.map((p) => p.code)).toEqual(['pattern', 'duplicate']);
    expect(problems.every((p) => p.path === 'requests[0].headers')).toBe(true);
    expect(Object.keys(headers)).toEqual(['X-A', '__proto__']);
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
  });
});

describe('fieldIds', () => {
  it('maps a problem\'s path to the id of its field', () => {
    expect(fieldIdForPath('requests[2].method')).toBe('se-requests-2-method');
    expect(fieldIdForPath('requests[0].headers.X-Test.v2')).toBe('se-requests-0-headers');
    expect(fieldIdForPath('clients[1].ip')).toBe('se-clients-1-ip');
    expect(fieldIdForPath('clients[1]')).toBe('se-clients-1-name');
    expect(fieldIdForPath('hostname')).toBe('se-hostname');
    expect(fieldIdForPath('options.sticky')).toBe('se-options-stickyCookie');
    expect(fieldIdForPath('faults.tamper.direction')).toBe('se-faults-tamper-direction');
    expect(fieldIdForPath('faults.tamper')).toBe('se-faults-tamper-link');
    expect(fieldIdForPath('')).toBeUndefined();
    expect(fieldIdForPath('requests')).toBeUndefined();
    expect(fieldIdForPath('modeOptions.offload.waf')).toBeUndefined();
  });

  it('collects the messages of each field in order', () => {
    const map = messagesByField([
      { path: 'title', code: 'required' }, { path: '', code: 'not-json' }, { path: 'title', code: 'markup' },
    ]);
    expect(map.get('se-title')).toEqual(['se-problem-0', 'se-problem-2']);
    expect(map.size).toBe(1);
  });
});
