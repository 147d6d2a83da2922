/**
 * Save, load, run: a built-in scenario written as a file (with and without the learner's edits) and read back
 * runs exactly as the original, event for event and byte for byte, in every mode (same keys, same seed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioFile, scenarioToFile } from '../../src/sim/authoring/index';
import { MODES, findScenario, generateLabPki, runScenario, type LabPki, type RunOptions, type Scenario } from '../../src/sim/engine';

let pki: LabPki;
beforeAll(async () => {
  pki = await generateLabPki();
}, 120_000);

/** Each scenario stands for a part of the format: clients, addresses, hosts, headers, direct, scheme, faults, modeOptions. */
// (nat-pileup, the longest scenario, adds nothing the others do not cover: clients with addresses are mobile-handover's.)
const COVERING = ['basic', 'mobile-handover', 'pool-routing', 'xff-forged', 'mtls', 'http-redirect', 'tamper-internal'];

function reloaded(scenario: Scenario, options?: Partial<RunOptions>): Scenario {
  const read = parseScenarioFile(JSON.parse(JSON.stringify(scenarioToFile(scenario, options ? { options } : {}))));
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  return read.value;
}

describe('a saved scenario runs as the original', () => {
  it.each(COVERING)('%s, in every mode', (id) => {
    const original = findScenario(id)!;
    const saved = reloaded(original);
    for (const mode of MODES) {
      const a = runScenario(original, { mode, seed: 7 }, pki);
      const b = runScenario(saved, { mode, seed: 7 }, pki);
      expect(b.events, `${id} ${mode}`).toEqual(a.events);
    }
  });

  it('with the learner\'s option overrides written into the file', () => {
    const overrides: Partial<RunOptions> = { protocol: 'tls1.2', algorithm: 'least-connections', waf: false };
    const original = findScenario('mobile-handover')!;
    const saved = reloaded(original, overrides);
    for (const mode of MODES) {
      expect(runScenario(saved, { mode, seed: 3 }, pki).events).toEqual(runScenario(original, { mode, seed: 3, options: overrides }, pki).events);
    }
  });
});
