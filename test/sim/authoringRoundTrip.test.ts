/**
 * "Save as scenario file" and back: every built-in scenario written by scenarioToFile is a valid scenario file
 * (through JSON, as a download would carry it) and reads back with the same requests, options and faults; the
 * learner's edits and overrides are what the saved file says.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioFile, scenarioToFile } from '../../src/sim/authoring/index';
import { findScenario, SCENARIOS } from '../../src/sim/scenarios/catalog';
import { resolveOptions } from '../../src/sim/scenarios/resolveOptions';
import { MODES } from '../../src/sim/scenarios/types';

const viaJson = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('scenarioToFile -> parseScenarioFile', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s round-trips', (_id, scenario) => {
    const file = scenarioToFile(scenario);
    expect(file.id).toBe(`my-${scenario.id}`);
    const read = parseScenarioFile(viaJson(file));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.requests).toEqual(scenario.requests);
    expect(read.value.options).toEqual(scenario.options);
    expect(read.value.faults).toEqual(scenario.faults);
    expect(read.value.modeOptions).toEqual(scenario.modeOptions);
    expect(read.value.fromFile).toBe(true);
    for (const mode of MODES) expect(resolveOptions(read.value, mode)).toEqual(resolveOptions(scenario, mode));
  });

  it('writes the learner\'s overrides over the per-mode options, so every mode runs with them', () => {
    const natPileup = findScenario('nat-pileup')!;
    const file = scenarioToFile(natPileup, { options: { algorithm: 'least-connections' } });
    const read = parseScenarioFile(viaJson(file));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    for (const mode of MODES) {
      expect(resolveOptions(read.value, mode)).toEqual(resolveOptions(natPileup, mode, { algorithm: 'least-connections' }));
    }
  });

  it('saves edited requests instead of the scenario\'s own, with their clients and addresses', () => {
    const edited = [
      { method: 'GET', path: '/', purpose: 'GET /' },
      { method: 'POST', path: '/login', client: 'bob', sourceIp: '198.51.100.77', body: 'user=bob', headers: [['X-Note', '<b>hi</b>'], ['x-note', 'again']] as [string, string][], purpose: 'bob logs in' },
    ];
    const file = scenarioToFile(findScenario('basic')!, { requests: edited });
    expect(file.clients).toEqual([{ name: 'alice', ip: '203.0.113.10' }, { name: 'bob', ip: '198.51.100.77' }]);
    // The default purpose is data, not written; repeated header names are joined as HTTP allows.
    expect(file.requests[0]).toEqual({ client: 'alice', method: 'GET', path: '/' });
    expect(file.requests[1]!.headers).toEqual({ 'X-Note': '<b>hi</b>, again' });
    const read = parseScenarioFile(viaJson(file));
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.value.requests[1]).toMatchObject({ client: 'bob', sourceIp: '198.51.100.77', headers: [['X-Note', '<b>hi</b>, again']] });
  });

  it('keeps a file scenario\'s own id and hostnames', () => {
    const read = parseScenarioFile(viaJson(scenarioToFile({ id: 'acme', title: 'Acme', summary: '', hostname: 'training.acme.test', requests: [{ method: 'GET', path: '/', purpose: 'GET /' }], fromFile: true })));
    expect(read.ok && read.value).toMatchObject({ id: 'acme', hostname: 'training.acme.test' });
  });
});
