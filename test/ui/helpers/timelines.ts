/**
 * Real timelines for the component tests: the engine runs here (jsdom has WebCrypto and node-forge works), once
 * per test file, so the UI is tested against what the worker would really send.
 */
import { createPkiGenerator, findScenario, KEY_NAMES, MODES, runScenario, summarize, type Mode, type ScriptedRequest, type RunOptions, type SegmentSentEvent, type SimEvent } from '../../../src/sim/engine';
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

/**
 * A packet carrying HTTP inside TLS application data: the sender itself read HTTP out of it. Found through the
 * sender's view rather than the ladder label, because TLS 1.3 hides the content type from the keyless dissector
 * (its label is "Encrypted record" for handshake and data alike).
 */
export function carriesHttpInTls(e: SimEvent): e is SegmentSentEvent {
  if (e.type !== 'tcp.segmentSent' || e.payload[0] !== 23) return false;
  const own = e.views[e.from];
  return own?.readability === 'plaintext' && /^(?:[A-Z]+ \/|HTTP\/1\.1 )/.test(own.plaintext ?? '');
}
