import { DEFAULT_OPTIONS, findScenario, type Mode, type RunOptions } from '../../sim/index';

/**
 * The options a run of `mode` uses: the defaults, then the scenario's own options, its per-mode options, and
 * the learner's overrides on top (the same layering the engine applies; a finished run's `timeline.options` is
 * the authority once it exists).
 */
export function effectiveOptions(scenarioId: string, mode: Mode, overrides: Partial<RunOptions>): RunOptions {
  const scenario = findScenario(scenarioId);
  return { ...DEFAULT_OPTIONS, ...scenario?.options, ...scenario?.modeOptions?.[mode], ...overrides };
}
