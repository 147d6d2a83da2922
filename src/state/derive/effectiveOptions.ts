import { findScenario, resolveOptions, type Mode, type RunOptions } from '../../sim/index';

/**
 * The options a run of `mode` of the scenario with this id uses (the engine's own layering, resolveOptions; a
 * finished run's `timeline.options` is the authority once it exists).
 */
export function effectiveOptions(scenarioId: string, mode: Mode, overrides: Partial<RunOptions>): RunOptions {
  return resolveOptions(findScenario(scenarioId), mode, overrides);
}
