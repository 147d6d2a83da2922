import { resolveOptions, type Mode, type RunOptions, type Scenario } from '../../sim/index';

/**
 * The options a run of `mode` of this scenario uses (the engine's own layering, resolveOptions; a finished run's
 * `timeline.options` is the authority once it exists). It takes the scenario itself, not an id: a trainer's
 * scenario is known to the page's library and to the worker's request, not to the built-in catalog.
 */
export function effectiveOptions(scenario: Scenario | undefined, mode: Mode, overrides: Partial<RunOptions>): RunOptions {
  return resolveOptions(scenario, mode, overrides);
}
