/**
 * Real timelines for the component tests: the engine runs here (jsdom has WebCrypto and node-forge works), once
 * per test file, so the UI is tested against what the worker would really send.
 */
import { createPkiGenerator, findScenario, KEY_NAMES, MODES, runScenario, summarize, type Mode, type ScriptedRequest, type RunOptions } from '../../../src/sim/engine';
import type { ModeRun } from '../../../src/state/store';

const generator = createPkiGenerator();

export async function runAllModes(scenarioId: string, extra: { requests?: readonly ScriptedRequest[]; options?: Partial<RunOptions> } = {}): Promise<Record<Mode, ModeRun>> {
  const scenario = findScenario(scenarioId);
  if (!scenario) throw new Error(`no scenario ${scenarioId}`);
  const pki = await generator.ensure(KEY_NAMES);
  const out = {} as Record<Mode, ModeRun>;
  for (const mode of MODES) {
    const timeline = runScenario(scenario, { mode, seed: 1, ...(extra.options ? { options: extra.options } : {}), ...(extra.requests ? { requests: extra.requests } : {}) }, pki);
    out[mode] = { timeline, summary: summarize(timeline), ms: 1 };
  }
  return out;
}
