/**
 * Nothing of a run survives at module level: the passthrough LB's connection counter belongs to the run, so a
 * second run in the same process starts counting from zero and repeats the first exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findScenario, generateLabPki, runScenario, type LabPki } from '../../src/sim/engine';

let pki: LabPki;
beforeAll(async () => {
  pki = await generateLabPki();
});

describe('per-run state', () => {
  it('a passthrough connection rate limit counts each run from zero', () => {
    const scenario = findScenario('login-burst');
    if (!scenario) throw new Error('no scenario login-burst');
    const config = { mode: 'passthrough' as const, seed: 1, options: { keepAlive: false, loginRateLimit: 4 } };
    const limited = () => runScenario(scenario, config, pki).events
      .filter((e) => e.type === 'waf.rateLimited')
      .map((e) => (e as { detail: unknown }).detail);
    const first = limited();
    expect(first.length).toBeGreaterThan(0);
    expect(first[0]).toMatchObject({ scope: 'connection', count: 5, limit: 4 });
    expect(limited()).toEqual(first);
  });
});
